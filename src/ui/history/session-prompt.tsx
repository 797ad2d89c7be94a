/**
 * After a reload, a crash or a closed tab: offers to reopen what was open, with its unsaved edits.
 * Also starts the history (this tab's liveness lock, the recent documents) once the page is up.
 */
import { useEffect, useRef } from 'react';
import { useHistoryStore } from '../../state/history-store';
import { HistoryProblem } from './history-problem';
import { formatTime } from './format-time';
import { useDismissOnNextAction } from '../shell/use-dismiss-on-next-action';
import { CHANGE_COUNT_TITLE, changeCount } from './change-count';
import './history.css';
import { acceptOffer } from '../../state/session/history-actions';

export function SessionPrompt() {
  const offers = useHistoryStore((s) => s.offers);
  const accept = acceptOffer;
  const dismiss = useHistoryStore((s) => s.dismissOffers);
  const start = useHistoryStore((s) => s.start);
  const notice = useHistoryStore((s) => s.notice);
  const dismissNotice = useHistoryStore((s) => s.dismissNotice);
  const panelOpen = useHistoryStore((s) => s.panelOpen);
  const noticeRef = useRef<HTMLDivElement>(null);
  useDismissOnNextAction(notice !== undefined, noticeRef, dismissNotice);

  useEffect(() => {
    void start();
  }, [start]);

  return (
    <>
      {/* The open panel shows the problem itself, with its actions in reach. */}
      {!panelOpen && <HistoryProblem />}
      {offers.length > 0 && (
        <div className="session-prompt" role="region" aria-label="Restore last session">
          <div>
            <strong>Pick up where you left off?</strong>
            <ul>
              {offers.map((o) => (
                <li key={o.tab}>
                  <span className="mono">{o.name}</span>{' '}
                  <span className="muted">
                    <span data-testid="offer-changes" title={CHANGE_COUNT_TITLE}>
                      {changeCount(o.changes, o.undone)}
                    </span>{' '}
                    · {formatTime(o.time)}
                  </span>{' '}
                  <button type="button" className="button small primary" onClick={() => void accept(o.tab)}>
                    Restore {o.name}
                  </button>
                </li>
              ))}
            </ul>
          </div>
          <button type="button" className="button small" onClick={() => void dismiss()}>
            Not now
          </button>
        </div>
      )}
      {notice && (
        <div className="history-notice" role="status" ref={noticeRef}>
          <span>{notice}</span>
          <button type="button" className="button small ghost" onClick={dismissNotice} aria-label="Dismiss notice">
            Dismiss
          </button>
        </div>
      )}
    </>
  );
}
