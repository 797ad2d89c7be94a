/**
 * The program bar's Export button, Ctrl/Cmd+S, and the mount point of the export and import dialogs
 * (the module tree opens them through the export store).
 */
import { useEffect } from 'react';
import { useExportDialog, useExportStore } from '../../state/export-store';
import { ExportDialog } from './export-dialog';
import { ImportModuleDialog } from './import-module-dialog';

export function ExportButton() {
  const dialog = useExportDialog();
  const openDialog = useExportStore((s) => s.openDialog);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 's') {
        e.preventDefault(); // the browser's "Save page" would save the app, not the program
        if (!useExportStore.getState().opened) openDialog({ kind: 'document' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openDialog]);

  return (
    <>
      <button type="button" className="button small" onClick={() => openDialog({ kind: 'document' })} title="Export the program (Ctrl+S)">
        Export…
      </button>
      {dialog?.kind === 'document' && <ExportDialog />}
      {dialog?.kind === 'module' && <ExportDialog key={dialog.moduleId} moduleId={dialog.moduleId} />}
      {dialog?.kind === 'import' && <ImportModuleDialog {...(dialog.file ? { initialFile: dialog.file } : {})} />}
    </>
  );
}
