/**
 * The history backend as the store uses it: entries of an encrypted document are sealed on their
 * way in (sealed-entries) and opened on their way out when the document's key is in memory. Without
 * the key they come out sealed, and an unsealed entry of an encrypted document is refused rather
 * than stored in clear. Everything else passes through: the original of an encrypted document is
 * its encrypted bytes, stored as they came.
 */
import { FormatError } from '../../core/engine/errors';
import type { DocumentRecord, HistoryEntry, ModuleDraft } from '../../core/program/history/history-types';
import type { HistoryBackend, HistoryBatch } from './backend';
import { isSealedDraft, sealDraft, unsealDraft } from './sealed-drafts';
import { isSealed, sealEntry, unsealEntry } from './sealed-entries';

export interface EntryKeys {
  isEncrypted(docId: string): boolean;
  keyOf(docId: string): Promise<CryptoKey | undefined>;
}

export class SealingBackend implements HistoryBackend {
  constructor(
    private readonly inner: HistoryBackend,
    private readonly keys: EntryKeys,
  ) {}

  private async seal(entry: HistoryEntry): Promise<HistoryEntry> {
    if (isSealed(entry) || !this.keys.isEncrypted(entry.docId)) return entry;
    const key = await this.keys.keyOf(entry.docId);
    if (!key) {
      throw new FormatError({
        code: 'needs-key',
        layer: 'history',
        message: 'This encrypted document’s key was closed, so its edits are not stored in clear: open it with its key again to save them.',
      });
    }
    return sealEntry(entry, key);
  }

  private async open(entry: HistoryEntry): Promise<HistoryEntry> {
    if (!isSealed(entry)) return entry;
    const key = await this.keys.keyOf(entry.docId);
    if (!key) return entry;
    try {
      return await unsealEntry(entry, key);
    } catch {
      return entry; // sealed with another key (an imported history): shown sealed, never guessed at
    }
  }

  /** The entries as stored, sealed ones sealed: what a history file carries. */
  storedEntries(docId: string): Promise<HistoryEntry[]> {
    return this.inner.listEntries(docId);
  }

  getDocument(id: string) {
    return this.inner.getDocument(id);
  }
  listDocuments() {
    return this.inner.listDocuments();
  }
  putDocument(doc: DocumentRecord) {
    return this.inner.putDocument(doc);
  }
  getOriginal(id: string) {
    return this.inner.getOriginal(id);
  }
  putOriginal(doc: DocumentRecord, bytes: Uint8Array) {
    return this.inner.putOriginal(doc, bytes);
  }
  dropOriginal(id: string) {
    return this.inner.dropOriginal(id);
  }
  async listEntries(docId: string) {
    return Promise.all((await this.inner.listEntries(docId)).map((e) => this.open(e)));
  }
  async getEntry(docId: string, id: string) {
    const entry = await this.inner.getEntry(docId, id);
    return entry ? this.open(entry) : undefined;
  }
  async putEntry(entry: HistoryEntry) {
    return this.inner.putEntry(await this.seal(entry));
  }
  async write(batch: HistoryBatch) {
    // Sealed first, all of them: a batch that cannot be sealed is not written at all.
    const entries = await Promise.all(batch.entries.map((e) => this.seal(e)));
    return this.inner.write({ ...batch, entries });
  }
  deleteDocument(id: string) {
    return this.inner.deleteDocument(id);
  }
  /** Drafts of an encrypted document come out opened with its key; those it cannot open stay stored and are not listed. */
  async listDrafts(docId: string) {
    const drafts = await this.inner.listDrafts(docId);
    const key = drafts.some(isSealedDraft) ? await this.keys.keyOf(docId) : undefined;
    const opened = await Promise.all(drafts.map((d) => (isSealedDraft(d) ? (key ? unsealDraft(d, key).catch(() => undefined) : undefined) : d)));
    return opened.filter((d): d is ModuleDraft => d !== undefined);
  }

  async putDraft(draft: ModuleDraft) {
    if (!this.keys.isEncrypted(draft.docId)) return this.inner.putDraft(draft);
    const key = await this.keys.keyOf(draft.docId);
    if (!key)
      throw new FormatError({ code: 'needs-key', layer: 'history', message: 'This encrypted document’s key was closed, so its draft is not stored in clear.' });
    return this.inner.putDraft(await sealDraft(draft, key));
  }

  deleteDraft(docId: string, moduleId: string) {
    return this.inner.deleteDraft(docId, moduleId);
  }

  listSessions() {
    return this.inner.listSessions();
  }
  deleteSessions(tabs: string[]) {
    return this.inner.deleteSessions(tabs);
  }
}
