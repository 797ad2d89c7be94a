import type { Progress } from '../../worker/protocol';
import { formatBytes } from '../format-bytes';

const STAGES: Record<string, string> = { read: 'Reading', download: 'Downloading' };

export function ProgressBar({ name, progress, onCancel }: { name: string; progress?: Progress; onCancel: () => void }) {
  const fraction = progress && progress.total > 0 ? Math.min(1, progress.done / progress.total) : undefined;
  const stage = progress ? (STAGES[progress.stage] ?? `Decoding ${progress.stage}`) : 'Opening';
  return (
    <div className="progress" role="status" aria-live="polite">
      <div className="progress-label">
        <span>
          {stage} <strong>{name}</strong>
          {progress && progress.total > 0 && (
            <span className="muted">
              {' '}
              · {formatBytes(progress.done)} of {formatBytes(progress.total)}
            </span>
          )}
        </span>
        <button type="button" className="button small" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <div
        className="progress-track"
        role="progressbar"
        aria-label={`${stage} ${name}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={fraction === undefined ? undefined : Math.round(fraction * 100)}
      >
        <div
          className={fraction === undefined ? 'progress-fill indeterminate' : 'progress-fill'}
          style={fraction === undefined ? undefined : { width: `${fraction * 100}%` }}
        />
      </div>
    </div>
  );
}
