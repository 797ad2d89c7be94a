/** Shown while a program opened from a share link is read-only. */
import { useDocumentStore } from '../../state/document-store';
import './share.css';

export function SharedNotice() {
  const readOnly = useDocumentStore((s) => s.readOnly);
  const openAsCopy = useDocumentStore((s) => s.openAsCopy);
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
