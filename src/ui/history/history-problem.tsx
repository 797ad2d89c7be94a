/**
 * Storage trouble, said plainly and never silently: what was not saved, and the ways out (free space
 * by dropping stored originals, which keeps every edit; retry).
 */
import { useHistoryStore } from '../../state/history-store';

export function HistoryProblem() {
  const queueProblem = useHistoryStore((s) => s.status.problem);
  const pending = useHistoryStore((s) => s.status.pending);
  const problem = useHistoryStore((s) => s.problem);
  const dropOthers = useHistoryStore((s) => s.dropOtherOriginals);
  const retry = useHistoryStore((s) => s.retrySaving);
  const dismiss = useHistoryStore((s) => s.dismissProblem);
  const shown = queueProblem ?? problem;
  if (!shown) return null;
  const quota = shown.quota;
  return (
    <div className="history-problem" role="alert" aria-label="History storage problem">
      <div>
        <strong>{quota ? 'History storage is full' : 'History not saved'}</strong>
        <p>
          {shown.message}
          {queueProblem && pending > 0
            ? ` ${pending} change${pending > 1 ? 's are' : ' is'} kept in this page but not stored yet; everything stored before is safe.`
            : ''}
        </p>
      </div>
      <div className="history-problem-actions">
        {quota && (
          <button
            type="button"
            className="button small"
            onClick={() => void dropOthers()}
            title="Deletes the stored copies of other documents’ original files; their edit lists are kept"
          >
            Free space: drop other originals
          </button>
        )}
        {queueProblem ? (
          <button type="button" className="button small" onClick={() => void retry()}>
            Retry saving
          </button>
        ) : (
          <button type="button" className="button small" onClick={dismiss}>
            Dismiss
          </button>
        )}
      </div>
    </div>
  );
}
