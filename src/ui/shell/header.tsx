import { useDocumentStore } from '../../state/document-store';
import { OpenFileButton } from './open-file-button';

export function Header({ onFiles, onSample }: { onFiles: (files: File[]) => void; onSample: () => void }) {
  const summary = useDocumentStore((s) => s.summary);
  return (
    <header className="header">
      <div className="brand">
        <img src="./favicon.svg" alt="" width={22} height={22} />
        <span>Program Studio</span>
      </div>
      {summary && (
        <div className="header-file" title={summary.name}>
          {summary.name}
        </div>
      )}
      <div className="header-actions">
        <OpenFileButton onFiles={onFiles} className="button" />
        <button type="button" className="button ghost" onClick={onSample}>
          Sample
        </button>
      </div>
    </header>
  );
}
