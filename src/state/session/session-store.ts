/**
 * The page's one session: the open document (its worker, what it is, its program view), its undo
 * stacks and the error banner. Only `commit` (./commit.ts) changes the document part; every other
 * store reads it here instead of watching another store.
 */
import { create } from 'zustand';
import type { ErrorInfo } from '../../core/engine/errors';
import type { Program } from '../../core/program/model/program';
import type { DocumentClient } from '../../worker/document-client';
import type { ChecksumResult, CompanionSummary, DocumentSummary, EncryptionFacts } from '../../worker/protocol';
import type { UndoStep } from './changes';

export interface SessionState {
  client?: DocumentClient;
  summary?: DocumentSummary;
  program?: Program;
  /** Bumped on every change of the document's value, so views know to ask again. */
  revision: number;
  /** Bumped on every document opened: what belongs to one document (a save handle, a dialog) names its generation. */
  generation: number;
  /** A program opened from a share link: shown, not edited, until "Open as my copy". */
  readOnly: boolean;
  /** Files opened beside the document (a whole-program folder's program.pkl), with what they hold. */
  companions: CompanionSummary[];
  /** The result of checking the document against a dropped .sha256 sidecar. */
  checksum?: ChecksumResult;
  /** Files dropped together that were not used, said plainly rather than dropped silently. */
  ignoredFiles: string[];
  /** Why the worker refuses edits to this document (a version newer than the app knows). */
  lockedReason?: string;
  /** SHA-256 of the file as opened (for an encrypted file, of its encrypted bytes). */
  sha256?: string;
  /** How the open document was encrypted (no secret: the key stays in its worker). */
  encryption?: EncryptionFacts;
  past: UndoStep[];
  future: UndoStep[];
  /** A change in flight: the next one waits, so changes apply in the order they were asked for. */
  busy: boolean;
  /** The banner: what failed, with its layer and place. */
  error?: ErrorInfo & { fileName?: string };
  showError(error: ErrorInfo & { fileName?: string }): void;
  dismissError(): void;
}

export const useSession = create<SessionState>()((set) => ({
  revision: 0,
  generation: 0,
  readOnly: false,
  companions: [],
  ignoredFiles: [],
  past: [],
  future: [],
  busy: false,
  showError: (error) => set({ error }),
  dismissError: () => set({ error: undefined }),
}));
