/**
 * "Import module…": pick or drop a module file (DSPy `{"self": ...}` or an envelope module file),
 * choose its name or replace a module of the same name; the import is one step of the undo history.
 */
import { useEffect, useRef, useState, type DragEvent } from 'react';
import type { ErrorInfo } from '../../core/engine/errors';
import { toErrorInfo } from '../../core/engine/errors';
import { useExportStore } from '../../state/export-store';
import { useSelectionStore } from '../../state/selection-store';
import './export.css';
import { useSession } from '../../state/session/session-store';

export function ImportModuleDialog({ initialFile }: { initialFile?: File }) {
  const ref = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const program = useSession((s) => s.program);
  const close = useExportStore((s) => s.close);
  const readModuleFile = useExportStore((s) => s.readModuleFile);
  const importModule = useExportStore((s) => s.importModule);
  const selectModule = useSelectionStore((s) => s.selectModule);
  const [file, setFile] = useState<File | undefined>(initialFile);
  const [about, setAbout] = useState<string>();
  const [name, setName] = useState('');
  const [replace, setReplace] = useState(false);
  const [error, setError] = useState<ErrorInfo>();
  const [busy, setBusy] = useState(false);
  const [over, setOver] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  useEffect(() => {
    if (!file) return;
    let live = true;
    setError(undefined);
    readModuleFile(file)
      .then((r) => {
        if (!live) return;
        setAbout(`${r.formatLabel} · module ${r.moduleIds.join(', ')}`);
        setName(r.suggestedName);
      })
      .catch((e: unknown) => live && setError(toErrorInfo(e, 'import')));
    return () => {
      live = false;
    };
  }, [file, readModuleFile]);

  const exists = program?.modules.some((m) => m.id === name.trim()) ?? false;
  const onImport = async () => {
    if (!file) return;
    setBusy(true);
    const failed = await importModule(file, name.trim(), replace && exists);
    setBusy(false);
    if (failed) return setError(failed);
    selectModule(name.trim());
    ref.current?.close();
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    e.stopPropagation(); // the page-wide drop would open the file as a new document
    setOver(false);
    const dropped = e.dataTransfer.files[0];
    if (dropped) setFile(dropped);
  };

  return (
    <dialog ref={ref} className="export-dialog" aria-labelledby="import-title" onClose={close} data-testid="import-dialog">
      <div className="export-head">
        <h2 id="import-title">Import module</h2>
        <button type="button" className="button ghost small" onClick={() => ref.current?.close()} aria-label="Close">
          ✕
        </button>
      </div>
      <div
        className={over ? 'import-drop over' : 'import-drop'}
        onDragEnter={(e) => {
          e.preventDefault();
          e.stopPropagation();
          setOver(true);
        }}
        onDragOver={(e) => {
          e.preventDefault();
          e.stopPropagation();
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <p>{file ? file.name : 'Drop a module file here, or'}</p>
        <button type="button" className="button small" onClick={() => input.current?.click()}>
          {file ? 'Choose another file…' : 'Choose a file…'}
        </button>
        <input
          ref={input}
          type="file"
          hidden
          data-testid="import-file-input"
          aria-label="Module file"
          onChange={(e) => {
            const picked = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (picked) setFile(picked);
          }}
        />
        {about && <p className="muted">{about}</p>}
      </div>
      <div className="export-grid">
        <label className="export-name">
          <span>Name in this program</span>
          <input className="text-input mono" value={name} onChange={(e) => setName(e.currentTarget.value)} aria-label="Module name" />
        </label>
      </div>
      {exists && (
        <label className="export-check">
          <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.currentTarget.checked)} />
          Replace the existing module "{name.trim()}"
        </label>
      )}
      {error && (
        <p className="export-error" role="alert">
          Import failed [{error.layer}]: {error.message}
        </p>
      )}
      <div className="export-actions">
        <button type="button" className="button primary" disabled={!file || busy || name.trim() === '' || (exists && !replace)} onClick={() => void onImport()}>
          {exists && replace ? 'Replace module' : 'Import module'}
        </button>
      </div>
    </dialog>
  );
}
