import { DropIcon } from './file-drop';
import { OpenFileButton } from './open-file-button';
import { RecentFiles } from '../history/recent-files';

const FORMATS = [
  'DSPy state JSON (every version)',
  'DSPy .pkl state & program folders',
  'Versioned envelope: JSON, MessagePack, YAML',
  'gzip · zlib · deflate',
  'AES-256-GCM',
  'PyTorch .pt / .pth',
  'Python pickles (never executed)',
  'safetensors · GGUF · NumPy, model folders',
];

export function EmptyState({ onFiles, onSample }: { onFiles: (files: File[]) => void; onSample: () => void }) {
  return (
    <section className="empty-state" aria-label="Start">
      <div className="empty-card">
        <DropIcon />
        <h1>Drop a program file anywhere</h1>
        <p className="muted">
          See its modules, signatures and demos; fix them by hand; migrate and re-export. Files are read in this browser and never leave it.
        </p>
        <div className="empty-actions">
          <OpenFileButton onFiles={onFiles} className="button primary" />
          <button type="button" className="button" onClick={onSample}>
            Open sample program
          </button>
        </div>
        <ul className="format-chips" aria-label="Formats">
          {FORMATS.map((f) => (
            <li key={f}>{f}</li>
          ))}
        </ul>
        <RecentFiles />
      </div>
    </section>
  );
}
