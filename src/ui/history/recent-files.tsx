/** The start page's list of documents with a history in this browser, each reopened at its last version. */
import { useHistoryStore } from '../../state/history-store';
import { formatBytes } from '../format-bytes';
import { formatTime } from './format-time';
import './history.css';
import { resumeDocument } from '../../state/session/history-actions';

export function RecentFiles() {
  const documents = useHistoryStore((s) => s.documents);
  const resume = resumeDocument;
  if (documents.length === 0) return null;
  return (
    <section className="recent-files" aria-label="Recent files">
      <h2>Recent files</h2>
      <ul>
        {documents.slice(0, 8).map((d) => (
          <li key={d.id}>
            <button
              type="button"
              className="recent-file"
              disabled={!d.hasOriginal}
              onClick={() => void resume(d.id)}
              title={d.hasOriginal ? `Reopen ${d.name} at its last version` : 'Its original was dropped to free space: open the file itself to continue'}
            >
              <span className="recent-name">{d.name}</span>
              <span className="muted">
                {formatBytes(d.size)} · {formatTime(d.lastOpened)}
                {d.hasOriginal ? '' : ' · original dropped'}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
