/**
 * Every way the open document can change, as a closed union. Each kind is recorded in the history
 * under its own name; the kinds are the history's entry kinds (core/program/history/history-types).
 */
import type { ErrorInfo } from '../../core/engine/errors';
import type { ExportOptions, ExportResult } from '../../core/program/export/export-options';
import type { ModuleFileShape } from '../../core/program/export/module-file';
import type { EntryKind } from '../../core/program/history/history-types';
import type { Edit, Operation } from '../../core/program/model/program';
import type { MigrationAnswers } from '../../core/program/model/migration';
import type { DocumentClient } from '../../worker/document-client';
import type { TakeRequest } from '../../core/program/compare/take';
import type { EditRequest, ExportEncryptionRequest, Opened } from '../../worker/protocol';

export type ChangeKind = EntryKind;

/** What each kind of change carries. */
export interface ChangeOf {
  /** A document its worker has opened; it replaces the one shown. */
  open: {
    client: DocumentClient;
    opened: Opened;
    readOnly?: boolean;
    ignoredFiles?: string[];
    /** Continues a stored history line at this head instead of starting one (a resumed session). */
    resume?: { docId: string; head: string };
    /** The series checkpoint this document was opened from; any other open closes the series. */
    fromCheckpoint?: number;
  };
  /** A model edit from a form or the precise view, or instructions or a demo taken from the program compared with. */
  edit: { request: EditRequest } | { take: TakeRequest };
  undo: Record<string, never>;
  redo: Record<string, never>;
  migration: { target?: string; tryAnyway?: boolean; answers?: MigrationAnswers };
  import: { bytes: ArrayBuffer; name: string; asName?: string; replace?: boolean };
  /** The version the original plus `ops` makes, as one new change on top. */
  restore: { ops: Operation[]; label: string };
  /** The document (or one module) written as a file; a marker in the history, the bytes to the caller. */
  export: { options: ExportOptions; encryption?: ExportEncryptionRequest; module?: { moduleId: string; shape?: ModuleFileShape } };
}

/** What a successful change gives back. */
export interface ResultOf {
  open: { generation: number };
  edit: { edit: Edit };
  undo: { edit?: Edit };
  redo: { edit?: Edit };
  migration: { edit: Edit; notes: string[] };
  import: { edit: Edit };
  restore: { edit?: Edit };
  export: ExportResult;
}

export type CommitResult<K extends ChangeKind> = ({ ok: true } & ResultOf[K]) | { ok: false; error: ErrorInfo };

/** One undo step: the change's record and the kind that made it. */
export interface UndoStep {
  kind: Exclude<ChangeKind, 'open' | 'undo' | 'redo' | 'export'>;
  edit: Edit;
}
