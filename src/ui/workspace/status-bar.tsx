/** The strip at the bottom of the workspace: facts about the file as opened, out of the way. */
import { FileDigest } from '../crypto/file-digest';

export function StatusBar() {
  return (
    <footer className="status-bar">
      <FileDigest />
    </footer>
  );
}
