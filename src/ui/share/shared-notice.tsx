/** Shown while a program opened from a share link is read-only. */
import './share.css';
import { openAsCopy } from '../../state/session/commit';
import { useSession } from '../../state/session/session-store';

export function SharedNotice() {
  const readOnly = useSession((s) => s.readOnly);
  if (!readOnly) return null;
  return (
    <div className="shared-notice" role="note">
      <span className="badge">Shared link · read-only</span>
      <button type="button" className="button small primary" onClick={openAsCopy}>
        Open as my copy
      </button>
    </div>
  );
}
