/** The checkpoints in order: tag, kind, size, summary numbers, and a break marked where it happens. */
import type { CheckpointRow } from '../../core/program/series/series-types';
import { metricOf } from '../../core/program/series/read-series';
import { formatBytes } from '../format-bytes';
import { formatNumber, formatTime } from './series-format';
import { Fragment } from 'react';

interface Props {
  checkpoints: CheckpointRow[];
  metricNames: string[];
  openedIndex?: number;
  onOpen(index: number): void;
}

function KindBadge({ cp }: { cp: CheckpointRow }) {
  if (cp.kind === 'diff') return <span className="badge subtle">{`diff · ${cp.opCount ?? 0} op${cp.opCount === 1 ? '' : 's'}`}</span>;
  if (cp.kind === 'full') return <span className="badge subtle">full</span>;
  return <span className="badge warn">unreadable</span>;
}

export function SeriesTimeline({ checkpoints, metricNames, openedIndex, onOpen }: Props) {
  const perModule = (cp: CheckpointRow) => (cp.summary?.modules ?? []).filter((m) => m.demos > 0 || m.instructionLength > 0);
  // A torch dict has no demos or instructions: the column would be all dashes.
  const showModules = checkpoints.some((cp) => perModule(cp).length > 0);
  const columns = 5 + metricNames.length + (showModules ? 1 : 0);
  return (
    <div className="series-table-wrap">
      <table className="series-table" aria-label="Checkpoints">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Checkpoint</th>
            <th scope="col">Kind</th>
            <th scope="col" className="num">
              Size
            </th>
            {metricNames.map((m) => (
              <th key={m} scope="col" className="num">
                {m}
              </th>
            ))}
            {showModules && <th scope="col">Per module: demos, instruction length</th>}
            <th scope="col">
              <span className="series-visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {checkpoints.map((cp) => {
            const broken = cp.error !== undefined;
            const modules = perModule(cp);
            return (
              <Fragment key={cp.index}>
                <tr
                  className={broken ? 'broken' : cp.index === openedIndex ? 'opened' : undefined}
                  aria-label={`Checkpoint ${cp.index + 1}${cp.tag ? ` ${cp.tag}` : ''}`}
                >
                  <td className="mono muted">{cp.order}</td>
                  <td>
                    <div className="series-name">
                      {cp.tag !== undefined && <span className="badge accent">{cp.tag}</span>}
                      <span className="mono">{cp.name}</span>
                    </div>
                    <div className="muted series-sub">
                      {[cp.recipe, cp.modified !== undefined ? formatTime(cp.modified) : undefined].filter(Boolean).join(' · ')}
                    </div>
                  </td>
                  <td>
                    <KindBadge cp={cp} />
                  </td>
                  <td className="num mono">{formatBytes(cp.size)}</td>
                  {metricNames.map((m) => {
                    const v = metricOf(cp, m);
                    return (
                      <td key={m} className="num mono" data-metric={m}>
                        {v === undefined ? '—' : formatNumber(v)}
                      </td>
                    );
                  })}
                  {showModules && (
                    <td className="series-modules">
                      {modules.length === 0 ? (
                        <span className="muted">—</span>
                      ) : (
                        modules.map((m) => (
                          <div key={m.id}>
                            <span className="mono">{m.id}</span>{' '}
                            <span className="muted">{`${m.demos} demo${m.demos === 1 ? '' : 's'}, ${m.instructionLength} chars`}</span>
                          </div>
                        ))
                      )}
                    </td>
                  )}
                  <td>
                    <button
                      type="button"
                      className="button small"
                      disabled={broken}
                      onClick={() => onOpen(cp.index)}
                      aria-label={`Open checkpoint ${cp.index + 1}`}
                    >
                      Open this checkpoint
                    </button>
                  </td>
                </tr>
                {broken && (
                  <tr className="broken series-error-row">
                    <td />
                    <td colSpan={columns - 1}>
                      <div className="series-error" role="note" aria-label={`Break at checkpoint ${cp.index + 1}`}>
                        <strong>Not loadable.</strong> <span>{cp.error!.message}</span>
                        {cp.error!.operation && (
                          <div className="mono series-op">
                            {`Failing operation #${cp.error!.operation.index + 1}: ${cp.error!.operation.op} ${cp.error!.operation.path || '/'}`}
                          </div>
                        )}
                      </div>
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
