/** The strip at the bottom of the workspace: facts about the file as opened, out of the way. */
import { FileDigest } from '../crypto/file-digest';
import { useSession } from '../../state/session/session-store';

export function StatusBar() {
  const summary = useSession((s) => s.summary);
  return (
    <footer className="status-bar">
      <FileDigest />
      {summary && (
        <span className="status-timing" data-testid="open-timing">
          opened in {summary.openMs.toLocaleString('en-US')} ms
          {summary.stages.length > 0 && (
            <span className="muted"> ({summary.stages.map(([stage, ms]) => `${stage} ${ms.toLocaleString('en-US')}`).join(' · ')})</span>
          )}
        </span>
      )}
    </footer>
  );
}
