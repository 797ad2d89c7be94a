/** The program bar's way into the history, with whether everything is saved. */
import { useHistoryStore } from '../../state/history-store';
import { Icon } from '../icon';
import './history.css';

export function HistoryButton() {
  const open = useHistoryStore((s) => s.panelOpen);
  const setOpen = useHistoryStore((s) => s.setPanelOpen);
  const status = useHistoryStore((s) => s.status);
  const count = useHistoryStore((s) => s.entries.length);
  const unsaved = status.pending > 0 || status.saving;
  return (
    <button
      type="button"
      className={`button small history-button${status.problem ? ' problem' : ''}`}
      aria-expanded={open}
      aria-controls="history-panel"
      onClick={() => setOpen(!open)}
      title={status.problem ? status.problem.message : unsaved ? 'Saving the history…' : 'Every version, saved in this browser'}
    >
      <Icon name="history" />
      History{count > 0 ? ` (${count})` : ''}
      {status.problem && <span className="history-dot" aria-label="not saved" />}
    </button>
  );
}
