/**
 * Any two checkpoints compared: per module, whether the instructions changed and how many demos
 * were added, removed or changed; then the whole programs side by side. The parent keys it by
 * series, so a new series starts from its first and last checkpoints.
 */
import { lazy, Suspense, useState } from 'react';
import type { CheckpointRow } from '../../core/program/series/series-types';
import type { SeriesComparison } from '../../worker/series-host';
import { checkpointLabel } from './series-format';

const JsonDiff = lazy(() => import('../editor/json-diff'));

interface Props {
  checkpoints: CheckpointRow[];
  comparison?: SeriesComparison;
  onCompare(a: number, b: number): void;
}

function Picker({ label, value, checkpoints, onChange }: { label: string; value: number; checkpoints: CheckpointRow[]; onChange(i: number): void }) {
  return (
    <label className="series-inline-label">
      {label}
      <select className="select" value={value} onChange={(e) => onChange(Number(e.target.value))} aria-label={`Compare ${label.toLowerCase()}`}>
        {checkpoints.map((cp) => (
          <option key={cp.index} value={cp.index} disabled={cp.error !== undefined}>
            {checkpointLabel(cp, cp.index)}
          </option>
        ))}
      </select>
    </label>
  );
}

export function SeriesCompare({ checkpoints, comparison, onCompare }: Props) {
  const loadable = checkpoints.filter((c) => c.error === undefined);
  const [a, setA] = useState(loadable[0]?.index ?? 0);
  const [b, setB] = useState(loadable[loadable.length - 1]?.index ?? 0);
  if (loadable.length < 2) return <p className="muted">Fewer than two checkpoints load, so there is nothing to compare.</p>;
  const c = comparison?.comparison;
  const shown = comparison && comparison.a === a && comparison.b === b;
  return (
    <div className="series-compare">
      <div className="series-compare-bar">
        <Picker label="From" value={a} checkpoints={checkpoints} onChange={setA} />
        <Picker label="To" value={b} checkpoints={checkpoints} onChange={setB} />
        <button type="button" className="button primary small" onClick={() => onCompare(a, b)} disabled={a === b}>
          Compare
        </button>
        {comparison && !shown && <span className="muted">Showing an earlier choice; press Compare.</span>}
      </div>
      {comparison && c && (
        <>
          <p className="series-compare-summary" aria-label="Comparison summary">
            {c.identical
              ? 'The two checkpoints are the same program.'
              : `${c.instructionsChanged} module${c.instructionsChanged === 1 ? '' : 's'} with changed instructions · ${c.demosAdded} demo${c.demosAdded === 1 ? '' : 's'} added · ${c.demosRemoved} removed · ${c.demosChanged} changed`}
          </p>
          {c.modules.length > 0 && (
            <div className="series-table-wrap">
              <table className="series-table compact" aria-label="Changes per module">
                <thead>
                  <tr>
                    <th scope="col">Module</th>
                    <th scope="col">Instructions</th>
                    <th scope="col" className="num">
                      Demos
                    </th>
                    <th scope="col" className="num">
                      Added
                    </th>
                    <th scope="col" className="num">
                      Removed
                    </th>
                    <th scope="col" className="num">
                      Changed
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {c.modules.map((m) => (
                    <tr key={m.id}>
                      <td className="mono">
                        {m.id}
                        {m.presence !== 'both' && <span className="badge warn series-presence">{m.presence === 'only-a' ? 'removed' : 'added'}</span>}
                      </td>
                      <td>
                        {m.instructionsChanged ? (
                          <div className="series-instr">
                            <span className="series-instr-old">
                              <span className="series-visually-hidden">was: </span>
                              {m.instructionsA ?? '(none)'}
                            </span>
                            <span className="series-instr-new">
                              <span className="series-visually-hidden">now: </span>
                              {m.instructionsB ?? '(none)'}
                            </span>
                          </div>
                        ) : (
                          <span className="muted">unchanged</span>
                        )}
                      </td>
                      <td className="num mono">{`${m.demosA} → ${m.demosB}`}</td>
                      <td className="num mono">{m.demosAdded}</td>
                      <td className="num mono">{m.demosRemoved}</td>
                      <td className="num mono">{m.demosChanged}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <div className="series-diff" aria-label="Whole program diff">
            <Suspense fallback={<div className="placeholder muted">Loading editor…</div>}>
              <JsonDiff
                original={comparison.textA}
                modified={comparison.textB}
                originalPath={`inmemory://series/checkpoint-${comparison.a + 1}.json`}
                modifiedPath={`inmemory://series/checkpoint-${comparison.b + 1}.json`}
              />
            </Suspense>
          </div>
        </>
      )}
    </div>
  );
}
