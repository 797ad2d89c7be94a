/**
 * Export and module import, as the page sees them: which dialog is open, the file handle to save in
 * place (File System Access API, where the browser has it). Both belong to the document they were
 * made for (its session generation), so a new document starts with neither, without anyone resetting
 * them. The export and the import themselves are session changes (an `export` mark, an `import` step).
 */
import { create } from 'zustand';
import type { ErrorInfo } from '../core/engine/errors';
import type { ExportOptions, ExportResult } from '../core/program/export/export-options';
import type { ModuleFileShape } from '../core/program/export/module-file';
import { FormatError } from '../core/engine/errors';
import type { ExportEncryptionRequest } from '../worker/protocol';
import { commit } from './session/commit';
import { useSession } from './session/session-store';

export type ExportDialog = { kind: 'document' } | { kind: 'module'; moduleId: string } | { kind: 'import'; file?: File };

/** The parts of FileSystemFileHandle used here (typed locally: not every TS DOM lib has them). */
export interface SaveHandle {
  name: string;
  createWritable(): Promise<{ write(data: Blob): Promise<void>; close(): Promise<void> }>;
}

interface ExportState {
  /** The open dialog and the generation of the document it was opened for. */
  opened?: { dialog: ExportDialog; generation: number };
  /** Where "Save" writes, for the document of that generation. */
  saved?: { handle: SaveHandle; generation: number };
  openDialog(dialog: ExportDialog): void;
  close(): void;
  setHandle(handle: SaveHandle | undefined): void;
  /** `encryption`: the worker adds the key (the document's own, or the one given) to the export. */
  exportDocument(options: ExportOptions, encryption?: ExportEncryptionRequest): Promise<ExportResult>;
  exportModule(moduleId: string, options: ExportOptions, shape?: ModuleFileShape, encryption?: ExportEncryptionRequest): Promise<ExportResult>;
  readModuleFile(file: File): Promise<{ suggestedName: string; formatLabel: string; moduleIds: string[] }>;
  /** Imports a module file as one `import` change; resolves to an error to show, or undefined. */
  importModule(file: File, asName: string, replace: boolean): Promise<ErrorInfo | undefined>;
}

function current(): number {
  return useSession.getState().generation;
}

/** The dialog open for the document shown (none once another document opened). */
export function useExportDialog(): ExportDialog | undefined {
  const generation = useSession((s) => s.generation);
  return useExportStore((s) => (s.opened?.generation === generation ? s.opened.dialog : undefined));
}

/** The save handle of the document shown. */
export function useSaveHandle(): SaveHandle | undefined {
  const generation = useSession((s) => s.generation);
  return useExportStore((s) => (s.saved?.generation === generation ? s.saved.handle : undefined));
}

export const useExportStore = create<ExportState>()((set) => ({
  openDialog: (dialog) => set({ opened: { dialog, generation: current() } }),
  close: () => set({ opened: undefined }),
  setHandle: (handle) => set({ saved: handle ? { handle, generation: current() } : undefined }),
  async exportDocument(options, encryption) {
    const result = await commit('export', { options, ...(encryption ? { encryption } : {}) });
    if (!result.ok) throw new FormatError(result.error);
    const { ok: _ok, ...exported } = result;
    return exported;
  },
  async exportModule(moduleId, options, shape, encryption) {
    const result = await commit('export', { options, module: { moduleId, ...(shape ? { shape } : {}) }, ...(encryption ? { encryption } : {}) });
    if (!result.ok) throw new FormatError(result.error);
    const { ok: _ok, ...exported } = result;
    return exported;
  },
  async readModuleFile(file) {
    const client = useSession.getState().client;
    if (!client) throw new FormatError({ code: 'invalid', layer: 'import', message: 'No document is open.' });
    const bytes = await file.arrayBuffer();
    return client.call('readModuleFile', { bytes, name: file.name }, { transfer: [bytes] });
  },
  async importModule(file, asName, replace) {
    const bytes = await file.arrayBuffer();
    const result = await commit('import', { bytes, name: file.name, asName, replace });
    return result.ok ? undefined : result.error;
  },
}));
