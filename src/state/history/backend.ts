/**
 * Where history lives, as an interface: IndexedDB in the page (idb-backend.ts), memory in tests
 * (memory-backend.ts, with a quota to fill). Entries are only ever added one key each, or one entry
 * rewritten (a name); nothing is rewritten wholesale, so two tabs cannot overwrite each other.
 */
import type { DocumentRecord, HistoryEntry, ModuleDraft } from '../../core/program/history/history-types';

/** What a tab had open, updated with each batch it writes: what session restore offers after a crash. */
export interface SessionRecord {
  tab: string;
  docId: string;
  name: string;
  /** The version the tab was at. */
  head: string;
  time: number;
}

export interface HistoryBatch {
  entries: HistoryEntry[];
  sessions: SessionRecord[];
}

export interface HistoryBackend {
  getDocument(id: string): Promise<DocumentRecord | undefined>;
  listDocuments(): Promise<DocumentRecord[]>;
  putDocument(doc: DocumentRecord): Promise<void>;
  getOriginal(id: string): Promise<Uint8Array | undefined>;
  /** Stores the original bytes and marks the document as having them, in one transaction. */
  putOriginal(doc: DocumentRecord, bytes: Uint8Array): Promise<void>;
  /** Frees the original's space; the entries stay. */
  dropOriginal(id: string): Promise<void>;
  listEntries(docId: string): Promise<HistoryEntry[]>;
  getEntry(docId: string, id: string): Promise<HistoryEntry | undefined>;
  putEntry(entry: HistoryEntry): Promise<void>;
  /** All or nothing: a batch that does not fit leaves the store as it was. */
  write(batch: HistoryBatch): Promise<void>;
  /** The document, its original, its entries, its drafts and the sessions on it. */
  deleteDocument(id: string): Promise<void>;
  /** A document's unapplied module drafts, one key each (replaced whole by the next draft of that module). */
  listDrafts(docId: string): Promise<ModuleDraft[]>;
  putDraft(draft: ModuleDraft): Promise<void>;
  deleteDraft(docId: string, moduleId: string): Promise<void>;
  listSessions(): Promise<SessionRecord[]>;
  deleteSessions(tabs: string[]): Promise<void>;
}
