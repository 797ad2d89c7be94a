/**
 * History in IndexedDB through idb-keyval's store handle. Range reads and multi-key transactions use
 * the raw object store, so a document's entries are read without touching any other's, and a batch
 * is one transaction (all or nothing, which is what keeps a quota error from losing anything).
 */
import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';
import type { DocumentRecord, HistoryEntry, ModuleDraft } from '../../core/program/history/history-types';
import type { HistoryBackend, HistoryBatch, SessionRecord } from './backend';
import { DB_NAME, STORE_NAME, docKey, draftKey, draftPrefix, entryKey, entryPrefix, originalKey, prefixRange, sessionKey } from './keys';

function done(store: IDBObjectStore): Promise<void> {
  return promisifyRequest(store.transaction);
}

export class IdbBackend implements HistoryBackend {
  private readonly store: UseStore;

  constructor(store: UseStore = createStore(DB_NAME, STORE_NAME)) {
    this.store = store;
  }

  getDocument(id: string) {
    return this.store('readonly', (s) => promisifyRequest(s.get(docKey(id)) as IDBRequest<DocumentRecord | undefined>));
  }

  listDocuments() {
    return this.store('readonly', (s) => promisifyRequest(s.getAll(prefixRange('doc/')) as IDBRequest<DocumentRecord[]>));
  }

  putDocument(doc: DocumentRecord) {
    return this.store('readwrite', (s) => {
      s.put(doc, docKey(doc.id));
      return done(s);
    });
  }

  async getOriginal(id: string) {
    const v = await this.store('readonly', (s) => promisifyRequest(s.get(originalKey(id)) as IDBRequest<Uint8Array | Blob | undefined>));
    if (v instanceof Blob) return new Uint8Array(await v.arrayBuffer());
    return v;
  }

  putOriginal(doc: DocumentRecord, bytes: Uint8Array) {
    return this.store('readwrite', (s) => {
      s.put(bytes, originalKey(doc.id));
      s.put({ ...doc, hasOriginal: true }, docKey(doc.id));
      return done(s);
    });
  }

  dropOriginal(id: string) {
    return this.store('readwrite', async (s) => {
      s.delete(originalKey(id));
      const doc = await promisifyRequest(s.get(docKey(id)) as IDBRequest<DocumentRecord | undefined>);
      if (doc) s.put({ ...doc, hasOriginal: false }, docKey(id));
      return done(s);
    });
  }

  listEntries(docId: string) {
    return this.store('readonly', (s) => promisifyRequest(s.getAll(prefixRange(entryPrefix(docId))) as IDBRequest<HistoryEntry[]>));
  }

  getEntry(docId: string, id: string) {
    return this.store('readonly', (s) => promisifyRequest(s.get(entryKey(docId, id)) as IDBRequest<HistoryEntry | undefined>));
  }

  putEntry(entry: HistoryEntry) {
    return this.store('readwrite', (s) => {
      s.put(entry, entryKey(entry.docId, entry.id));
      return done(s);
    });
  }

  write(batch: HistoryBatch) {
    return this.store('readwrite', (s) => {
      try {
        for (const e of batch.entries) s.put(e, entryKey(e.docId, e.id));
        for (const r of batch.sessions) s.put(r, sessionKey(r.tab));
      } catch (e) {
        s.transaction.abort(); // a put refused mid-batch must not leave half a batch stored
        throw e;
      }
      return done(s);
    });
  }

  deleteDocument(id: string) {
    return this.store('readwrite', async (s) => {
      s.delete(docKey(id));
      s.delete(originalKey(id));
      s.delete(prefixRange(entryPrefix(id)));
      s.delete(prefixRange(draftPrefix(id)));
      const sessions = await promisifyRequest(s.getAll(prefixRange('session/')) as IDBRequest<SessionRecord[]>);
      for (const r of sessions) if (r.docId === id) s.delete(sessionKey(r.tab));
      return done(s);
    });
  }

  listDrafts(docId: string) {
    return this.store('readonly', (s) => promisifyRequest(s.getAll(prefixRange(draftPrefix(docId))) as IDBRequest<ModuleDraft[]>));
  }

  putDraft(draft: ModuleDraft) {
    return this.store('readwrite', (s) => {
      s.put(draft, draftKey(draft.docId, draft.moduleId));
      return done(s);
    });
  }

  deleteDraft(docId: string, moduleId: string) {
    return this.store('readwrite', (s) => {
      s.delete(draftKey(docId, moduleId));
      return done(s);
    });
  }

  listSessions() {
    return this.store('readonly', (s) => promisifyRequest(s.getAll(prefixRange('session/')) as IDBRequest<SessionRecord[]>));
  }

  deleteSessions(tabs: string[]) {
    return this.store('readwrite', (s) => {
      for (const t of tabs) s.delete(sessionKey(t));
      return done(s);
    });
  }
}
