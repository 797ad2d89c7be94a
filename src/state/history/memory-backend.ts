/**
 * History in memory, with an optional quota in bytes: what the tests use to show that a write that
 * does not fit fails whole, with the browser's QuotaExceededError, and loses nothing already stored.
 */
import { entryBytes } from '../../core/program/history/make-entry';
import type { DocumentRecord, HistoryEntry, ModuleDraft } from '../../core/program/history/history-types';
import type { HistoryBackend, HistoryBatch, SessionRecord } from './backend';

function quotaError(): Error {
  const e = new Error('The quota has been exceeded.');
  e.name = 'QuotaExceededError';
  return e;
}

export class MemoryBackend implements HistoryBackend {
  readonly docs = new Map<string, DocumentRecord>();
  readonly originals = new Map<string, Uint8Array>();
  readonly entries = new Map<string, HistoryEntry>();
  readonly sessions = new Map<string, SessionRecord>();
  /** Keyed `<docId>/<moduleId>`. */
  readonly drafts = new Map<string, ModuleDraft>();

  constructor(public quota = Infinity) {}

  used(): number {
    let n = 0;
    for (const b of this.originals.values()) n += b.length;
    for (const e of this.entries.values()) n += entryBytes(e);
    return n;
  }

  private fits(extra: number): void {
    if (this.used() + extra > this.quota) throw quotaError();
  }

  async getDocument(id: string) {
    return this.docs.get(id);
  }
  async listDocuments() {
    return [...this.docs.values()];
  }
  async putDocument(doc: DocumentRecord) {
    this.docs.set(doc.id, structuredClone(doc));
  }
  async getOriginal(id: string) {
    return this.originals.get(id);
  }
  async putOriginal(doc: DocumentRecord, bytes: Uint8Array) {
    this.fits(bytes.length);
    this.originals.set(doc.id, bytes.slice());
    this.docs.set(doc.id, { ...doc, hasOriginal: true });
  }
  async dropOriginal(id: string) {
    this.originals.delete(id);
    const d = this.docs.get(id);
    if (d) this.docs.set(id, { ...d, hasOriginal: false });
  }
  async listEntries(docId: string) {
    return [...this.entries.values()].filter((e) => e.docId === docId).map((e) => structuredClone(e));
  }
  async getEntry(_docId: string, id: string) {
    const e = this.entries.get(id);
    return e && structuredClone(e);
  }
  async putEntry(entry: HistoryEntry) {
    this.entries.set(entry.id, structuredClone(entry));
  }
  async write(batch: HistoryBatch) {
    this.fits(batch.entries.reduce((n, e) => n + entryBytes(e), 0));
    for (const e of batch.entries) this.entries.set(e.id, structuredClone(e));
    for (const s of batch.sessions) this.sessions.set(s.tab, { ...s });
  }
  async deleteDocument(id: string) {
    this.docs.delete(id);
    this.originals.delete(id);
    for (const [k, e] of this.entries) if (e.docId === id) this.entries.delete(k);
    for (const [k, s] of this.sessions) if (s.docId === id) this.sessions.delete(k);
    for (const [k, d] of this.drafts) if (d.docId === id) this.drafts.delete(k);
  }

  async listDrafts(docId: string) {
    return [...this.drafts.values()].filter((d) => d.docId === docId).map((d) => structuredClone(d));
  }

  async putDraft(draft: ModuleDraft) {
    this.fits(draft.text.length);
    this.drafts.set(`${draft.docId}/${draft.moduleId}`, structuredClone(draft));
  }

  async deleteDraft(docId: string, moduleId: string) {
    this.drafts.delete(`${docId}/${moduleId}`);
  }
  async listSessions() {
    return [...this.sessions.values()];
  }
  async deleteSessions(tabs: string[]) {
    for (const t of tabs) this.sessions.delete(t);
  }
}
