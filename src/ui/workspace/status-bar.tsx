/** The strip at the bottom of the workspace: facts about the file as opened, out of the way. */
import { useDocumentStore } from '../../state/document-store';
import { FileDigest } from '../crypto/file-digest';

export function StatusBar() {
  const summary = useDocumentStore((s) => s.summary);
  return (
    <footer className="status-bar">
      <FileDigest />
      {summary && (
        <span className="status-timing" data-testid="open-timing">
          opened in {summary.openMs.toLocaleString('en-US')} ms
          {summary.stages.length > 0 && <span className="muted"> ({summary.stages.map(([stage, ms]) => `${stage} ${ms.toLocaleString('en-US')}`).join(' · ')})</span>}
        </span>
      )}
    </footer>
  );
}
