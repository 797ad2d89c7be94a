/**
 * Export and module import, as the page sees them: which dialog is open, the file handle to save in
 * place (File System Access API, where the browser has it), and the import as one undoable step.
 */
import { create } from 'zustand';
import { toErrorInfo, type ErrorInfo } from '../core/engine/errors';
import type { ExportOptions, ExportResult } from '../core/program/export/export-options';
import type { ModuleFileShape } from '../core/program/export/module-file';
import type { ExportEncryptionRequest } from '../worker/protocol';
import { useDocumentStore } from './document-store';
import { useUndoStore } from './undo-store';

export type ExportDialog = { kind: 'document' } | { kind: 'module'; moduleId: string } | { kind: 'import'; file?: File };

/** The parts of FileSystemFileHandle used here (typed locally: not every TS DOM lib has them). */
export interface SaveHandle {
  name: string;
  createWritable(): Promise<{ write(data: Blob): Promise<void>; close(): Promise<void> }>;
}

interface ExportState {
  dialog?: ExportDialog;
  /** Where "Save" writes: the handle of the file opened or saved through the File System Access API. */
  handle?: SaveHandle;
  openDialog(dialog: ExportDialog): void;
  close(): void;
  setHandle(handle: SaveHandle | undefined): void;
  /** `encryption`: the worker adds the key (the document's own, or the one given) to the export. */
  exportDocument(options: ExportOptions, encryption?: ExportEncryptionRequest): Promise<ExportResult>;
  exportModule(moduleId: string, options: ExportOptions, shape?: ModuleFileShape, encryption?: ExportEncryptionRequest): Promise<ExportResult>;
  readModuleFile(file: File): Promise<{ suggestedName: string; formatLabel: string; moduleIds: string[] }>;
  /** Imports a module file as one edit in the undo history; resolves to an error to show, or undefined. */
  importModule(file: File, asName: string, replace: boolean): Promise<ErrorInfo | undefined>;
}

function client() {
  const c = useDocumentStore.getState().client;
  if (!c) throw new Error('No document is open.');
  return c;
}

export const useExportStore = create<ExportState>()((set) => ({
  openDialog: (dialog) => set({ dialog }),
  close: () => set({ dialog: undefined }),
  setHandle: (handle) => set({ handle }),
  exportDocument: (options, encryption) => client().call('export', { options, ...(encryption ? { encryption } : {}) }),
  exportModule: (moduleId, options, shape, encryption) => client().call('exportModule', { moduleId, options, ...(shape ? { shape } : {}), ...(encryption ? { encryption } : {}) }),
  async readModuleFile(file) {
    const bytes = await file.arrayBuffer();
    return client().call('readModuleFile', { bytes, name: file.name }, { transfer: [bytes] });
  },
  async importModule(file, asName, replace) {
    try {
      const bytes = await file.arrayBuffer();
      const { edit, program } = await client().call('importModule', { bytes, name: file.name, asName, replace }, { transfer: [bytes] });
      // Applied in the worker, then recorded: one step that Undo takes back.
      useDocumentStore.setState((s) => ({ program, revision: s.revision + 1, error: undefined }));
      useUndoStore.setState((s) => ({ past: [...s.past, edit], future: [] }));
      return undefined;
    } catch (e) {
      return toErrorInfo(e, 'import');
    }
  },
}));

// A new document has no file handle until it is saved through one.
useDocumentStore.subscribe((state: { client?: unknown }, previous: { client?: unknown }) => {
  if (state.client !== previous.client) useExportStore.setState({ handle: undefined, dialog: undefined });
});
