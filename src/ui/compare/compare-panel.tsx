/**
 * The comparison view: pick the other side (drop, picker, a history version), read the summary,
 * open a predictor's detail, take what you want across. Renders and dispatches only: the work runs
 * in the worker through the compare store.
 */
import { useRef, useState, type DragEvent } from 'react';
import { useCompareStore } from '../../state/compare-store';
import { useHistoryStore } from '../../state/history-store';
import { useSeriesStore } from '../../state/series-store';
import { useEditable } from '../../state/editable';
import { undo } from '../../state/session/commit';
import { takeAcross } from '../../state/session/compare-actions';
import { useSession } from '../../state/session/session-store';
import { download } from '../download';
import { PredictorDetail } from './predictor-detail';
import { PredictorList } from './predictor-list';
import './compare.css';

export function ComparePanel() {
  const s = useCompareStore();
  const entries = useHistoryStore((h) => h.entries);
  const documents = useHistoryStore((h) => h.documents);
  const docId = useHistoryStore((h) => h.docId);
  const recent = documents.filter((d) => d.id !== docId && d.hasOriginal).slice(0, 12);
  // The open series' other checkpoints (the one shown is side A), those that read as a program.
  const openedIndex = useSeriesStore((x) => x.openedIndex);
  const checkpoints = useSeriesStore((x) => x.timeline?.checkpoints);
  const otherCheckpoints = (checkpoints ?? []).filter((c) => c.index !== openedIndex && c.error === undefined);
  const editable = useEditable();
  const lastEdit = useSession((u) => u.past.at(-1)?.edit);
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const c = s.comparison;
  const selected = c?.predictors.find((p) => p.id === s.selected);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    e.stopPropagation();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) void s.compareFile(file);
  };
  const save = (kind: 'md' | 'json') => {
    const r = s.report(kind);
    if (r) download(r.text, r.name);
  };

  return (
    <div
      className={dragging ? 'compare-panel dragging' : 'compare-panel'}
      role="dialog"
      aria-label="Compare programs"
      onDragOver={(e) => {
        e.preventDefault();
        e.stopPropagation();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <div className="compare-head">
        <strong>Compare</strong>
        <span className="muted compare-sides">
          A: this document
          {s.otherName !== undefined ? (
            <>
              {' '}
              · B: <span data-testid="compare-other">{s.otherName}</span>
            </>
          ) : null}
        </span>
        <button type="button" className="button small" onClick={() => input.current?.click()}>
          Pick a file…
        </button>
        <input
          ref={input}
          type="file"
          hidden
          aria-label="File to compare with"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void s.compareFile(file);
          }}
        />
        {entries.length > 1 && (
          <select
            className="select compare-version"
            aria-label="Compare with a version"
            value=""
            onChange={(e) => e.target.value && void s.compareVersion(e.target.value)}
          >
            <option value="">A version…</option>
            {entries.map((e, i) => (
              <option key={e.id} value={e.id}>
                {i + 1}. {e.name ?? e.label}
              </option>
            ))}
          </select>
        )}
        {otherCheckpoints.length > 0 && (
          <select
            className="select compare-version"
            aria-label="Compare with a checkpoint"
            value=""
            onChange={(e) => e.target.value && void s.compareCheckpoint(Number(e.target.value))}
          >
            <option value="">A checkpoint…</option>
            {otherCheckpoints.map((c) => (
              <option key={c.index} value={c.index}>
                {c.index + 1}. {c.name}
              </option>
            ))}
          </select>
        )}
        {recent.length > 0 && (
          <select
            className="select compare-version"
            aria-label="Compare with a recent file"
            value=""
            onChange={(e) => e.target.value && void s.compareRecent(e.target.value)}
          >
            <option value="">A recent file…</option>
            {recent.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        )}
        {c && (
          <>
            <button type="button" className="button small" onClick={() => save('md')}>
              Markdown report
            </button>
            <button type="button" className="button small" onClick={() => save('json')}>
              JSON
            </button>
          </>
        )}
        <button
          type="button"
          className="button small"
          onClick={() => void undo()}
          disabled={!editable || !lastEdit}
          title={lastEdit ? `Undo: ${lastEdit.label} (Ctrl+Z)` : 'Nothing to undo'}
        >
          Undo
        </button>
        <button type="button" className="button small ghost compare-close" onClick={s.close} aria-label="Close the comparison">
          ✕
        </button>
      </div>
      {s.busy && (
        <div
          className="compare-progress"
          role="progressbar"
          aria-label="Comparing"
          aria-valuemin={0}
          aria-valuemax={s.progress?.total ?? 1}
          aria-valuenow={s.progress?.done ?? 0}
        >
          <span style={{ width: `${s.progress && s.progress.total > 0 ? (100 * s.progress.done) / s.progress.total : 5}%` }} />
          <em className="muted">{s.progress?.stage ?? 'Reading'}…</em>
        </div>
      )}
      {s.error && (
        <p className="compare-error" role="alert">
          {s.error.layer}: {s.error.message}
        </p>
      )}
      {!c && !s.busy && !s.error && (
        <p className="compare-empty muted">
          Drop a file here, pick one, or choose a version: it is compared with this document by meaning, predictor by predictor.
        </p>
      )}
      {c && (
        <>
          {c.eraNote && (
            <p className="compare-era" data-testid="compare-era">
              {c.eraNote}
            </p>
          )}
          <p className={c.same ? 'compare-summary same' : 'compare-summary'} data-testid="compare-summary">
            {c.summary}
          </p>
          <div className="compare-body">
            <PredictorList predictors={c.predictors} selected={s.selected} onSelect={s.select} />
            {selected ? (
              <PredictorDetail key={selected.id} predictor={selected} otherName={c.b.label} canTake={editable} onTake={(t) => void takeAcross(t)} />
            ) : (
              <p className="muted compare-hint">Choose a predictor to see its changes.</p>
            )}
          </div>
        </>
      )}
    </div>
  );
}
