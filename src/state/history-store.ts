/**
 * The history of every document opened in this browser, kept in IndexedDB: the original bytes once
 * per SHA-256, then one small JSON Patch entry per edit, undo, redo, restore (and later migrations,
 * imports, exports). The session (state/session/commit) tells it of every open and appends every
 * change with the kind it is: nothing here guesses what happened.
 *
 * Nothing from an open's credentials is ever stored: only the bytes as read, the name, the size and
 * the recipe with anything key-like dropped (core/history/safe-recipe). An encrypted document's
 * original is its encrypted bytes, and its entries are sealed with a key held in memory only
 * (state/key-store, history/sealing-backend); after a reload they open once the key is entered.
 */
import { create } from 'zustand';
import { parseHistory, serializeHistory, type HistoryBundle } from '../core/program/history/history-file';
import type { DocumentRecord, EntryKind, HistoryEntry } from '../core/program/history/history-types';
import { makeEntry } from '../core/program/history/make-entry';
import { byId, chronological, lineTo, opsTo } from '../core/program/history/replay';
import { stackCounts } from '../core/program/history/undo-stacks';
import { safeRecipe } from '../core/program/history/safe-recipe';
import { historySecrets, redactBundle, redactOps, type HistorySecrets } from '../core/program/history/redact-history';
import { newTabId } from '../core/program/history/entry-id';
import { toErrorInfo } from '../core/engine/errors';
import type { Operation } from '../core/program/model/program';
import { createDocumentClient, type DocumentClient } from '../worker/document-client';
import type { DocumentSummary, Result } from '../worker/protocol';
import { useSession } from './session/session-store';
import { useSettingsStore } from './settings-store';
import type { SessionRecord } from './history/backend';
import { pageBackend as backend } from './history/page-backend';
import { useDraftsStore } from './drafts-store';
import { isSealed } from './history/sealed-entries';
import { forgetHistoryKey, isEncrypted, isEncryptedRecipe, loadHistoryKey, markEncrypted } from './key-store';
import { isQuotaError, storageMessage } from './history/quota-error';
import { requestPersistence, storageInfo, type StorageInfo } from './history/storage-info';
import { holdTabLock, liveTabs, withLock } from './history/tab-locks';
import { WriteQueue, type QueueStatus } from './history/write-queue';
import { afterPaint } from './idle';

/** The line of versions this tab is extending: the open document's history. */
interface Line {
  client: DocumentClient;
  name: string;
  summary: DocumentSummary;
  /** Known once the worker hashed the bytes. */
  docId?: string;
  head: string | null;
  /** Entries made before the hash was known. */
  early: HistoryEntry[];
  /** True after the user deleted this document's history: nothing more is recorded until it is opened again. */
  detached?: boolean;
  /** "Keep history without secrets" was on when it was opened: its original and ops are stored redacted. */
  redact: boolean;
}

export interface Comparison {
  a: HistoryEntry;
  b: HistoryEntry;
  scope: string;
  aText?: string;
  bText?: string;
  problem?: string;
}

/** A session left by a closed or crashed tab, with the changes it would bring back (its undo and redo stacks). */
export interface SessionOffer extends SessionRecord {
  /** Changes Undo could take back: what the program bar counts once restored. */
  changes: number;
  /** Changes undone that Redo could bring back. */
  undone: number;
}

interface HistoryState {
  /** A stored document at its last version, for "Compare…": its original bytes and the patches since (none when sealed). */
  storedVersion(docId: string): Promise<{ name: string; bytes: Uint8Array; ops: Operation[]; sealed: boolean } | undefined>;
  tab: string;
  started: boolean;
  docId?: string;
  head?: string | null;
  /** The open document's entries, stored and queued, oldest first. */
  entries: HistoryEntry[];
  /** Documents with a history, most recently opened first. */
  documents: DocumentRecord[];
  offers: SessionOffer[];
  status: QueueStatus;
  /** A storage failure outside the queue (the original did not fit, a read failed). */
  problem?: { quota: boolean; message: string };
  notice?: string;
  storage?: StorageInfo;
  panelOpen: boolean;
  comparison?: Comparison;
  start(): Promise<void>;
  setPanelOpen(open: boolean): void;
  /** Called by the session when a document opens: starts its line, or continues the stored one `resume` names. */
  opened(client: DocumentClient, summary: DocumentSummary, resume?: { docId: string; head: string }): void;
  /** Called by the session when a shared link is shown read-only: not this user's document (yet), so the previous line ends and none starts. */
  ended(): void;
  /** Called by the session for every change, with its kind; an `export` is a marker at the current version. */
  append(kind: EntryKind, label: string, ops: readonly Operation[]): void;
  /** The ops that make version `entryId` from the original, and the label its restore gets. */
  versionOf(entryId: string): { ops: Operation[]; label: string; index: number } | undefined;
  /** Everything needed to reopen a stored document at a version (see session/resume). */
  loadResume(docId: string, head?: string): Promise<{ name: string; bytes: ArrayBuffer; at: string; index: number; sealed: boolean } | undefined>;
  /** A stored line's entries, oldest first, after its key unsealed them (see session/history-actions). */
  resumeLine(docId: string, at: string, sealed: boolean): Promise<HistoryEntry[]>;
  setNotice(notice: string): void;
  setProblem(message: string): void;
  compare(aId: string, bId: string, scope: string): Promise<void>;
  closeComparison(): void;
  nameVersion(entryId: string, name: string): Promise<void>;
  deleteHistory(docId: string): Promise<void>;
  /** What a history file of this document would carry in clear, for the warning before its export. */
  historyExportSecrets(docId: string): Promise<HistorySecrets | undefined>;
  /** The history file; with `redact`, its original and ops without flagged secrets (a document of its own). */
  exportHistory(docId: string, options?: { redact?: boolean }): Promise<{ name: string; text: string } | undefined>;
  importHistory(text: string): Promise<boolean>;
  /** Takes an offer off the list and forgets its session record; resolves to what to resume. */
  takeOffer(tab: string): Promise<SessionOffer | undefined>;
  dismissOffers(): Promise<void>;
  dropOriginal(docId: string): Promise<void>;
  dropOtherOriginals(): Promise<void>;
  retrySaving(): Promise<void>;
  requestPersistence(): Promise<void>;
  refreshStorage(): Promise<void>;
  dismissProblem(): void;
  /** Clears the notice only ("Reopened … at version 3."), leaving a problem in view. */
  dismissNotice(): void;
  /** Resolves once everything recorded so far is stored (or failed). */
  flush(): Promise<void>;
  /** Resolves once the open line has stored its original (or failed): its worker is needed until then. */
  lineSettled(): Promise<void>;
}

let line: Line | undefined;
/** The open line's start (its original stored, its early entries queued), awaited by flush. */
let starting: Promise<void> = Promise.resolve();
let counter = 0;
const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('program-studio-history') : undefined;

/** Opens stored original bytes in a worker of their own (not the page's document), asks it one thing, and ends it. */
async function withOriginal<T>(bytes: Uint8Array, name: string, ask: (client: DocumentClient) => Promise<T>): Promise<T> {
  const client = createDocumentClient();
  try {
    await client.call('open', { source: { kind: 'bytes', bytes: bytes.slice().buffer, name } });
    return await ask(client);
  } finally {
    client.terminate();
  }
}

export const useHistoryStore = create<HistoryState>()((set, get) => {
  const queue = new WriteQueue(backend, (status) => {
    const written = status.written ?? [];
    // What was just written is stored now: it stays in the timeline without a reread.
    const mine = written.filter((e) => e.docId === line?.docId);
    if (mine.length > 0) stored = [...stored.filter((e) => !mine.some((m) => m.id === e.id)), ...mine];
    set({ status: { pending: status.pending, saving: status.saving, ...(status.problem ? { problem: status.problem } : {}) }, entries: mergedEntries() });
    if (written.length > 0) {
      channel?.postMessage({ docIds: [...new Set(written.map((e) => e.docId))] });
      void get().refreshStorage();
    }
  });

  let stored: HistoryEntry[] = [];
  function mergedEntries(): HistoryEntry[] {
    const docId = line?.docId;
    if (!docId) return line?.early ?? [];
    const ids = new Set(stored.map((e) => e.id));
    return chronological([...stored, ...queue.pendingEntries().filter((e) => e.docId === docId && !ids.has(e.id))]);
  }

  async function loadEntries(docId: string): Promise<void> {
    try {
      const list = await backend.listEntries(docId);
      if (line?.docId !== docId) return;
      // A union: entries are never removed but by deleting the history, and a batch may land during the read.
      const ids = new Set(list.map((e) => e.id));
      stored = [...list, ...stored.filter((e) => e.docId === docId && !ids.has(e.id))];
      set({ entries: mergedEntries() });
    } catch (e) {
      set({ problem: { quota: false, message: `The history could not be read: ${storageMessage(e)}` } });
    }
  }

  async function loadDocuments(): Promise<void> {
    try {
      const documents = (await backend.listDocuments()).sort((a, b) => b.lastOpened - a.lastOpened);
      set({ documents });
    } catch (e) {
      set({ problem: { quota: false, message: `The history could not be read: ${storageMessage(e)}` } });
    }
  }

  function sessionOf(l: Line): SessionRecord | undefined {
    if (!l.docId || l.head === null) return undefined;
    return { tab: get().tab, docId: l.docId, name: l.name, head: l.head, time: Date.now() };
  }

  function record(kind: EntryKind, label: string, ops: readonly Operation[]): void {
    const l = line;
    if (!l || l.detached) return;
    const marker = kind === 'export';
    // With "keep history without secrets", a key typed into a field is not stored either.
    const kept = l.redact ? redactOps(ops).ops : ops;
    const entry = makeEntry({
      docId: l.docId ?? '',
      parent: kind === 'open' ? null : l.head,
      kind,
      label,
      ops: kept,
      tab: get().tab,
      time: Date.now(),
      counter: counter++,
    });
    if (!marker) l.head = entry.id;
    if (l.docId) queue.add(entry, sessionOf(l));
    else l.early.push(entry);
    set({ head: l.head, entries: mergedEntries() });
  }

  async function storeDocument(l: Line, original: Result<'original'>): Promise<void> {
    const { sha256, size, bytes, secrets, secretKeys, redacted } = original;
    const now = Date.now();
    const counted = { secrets, secretKeys: secrets > 0 ? secretKeys : [], ...(redacted ? { redacted } : {}) };
    await withLock(sha256, async () => {
      const existing = await backend.getDocument(sha256);
      // The same SHA-256 is the same bytes: a record stored before secrets were counted learns its count now.
      const doc: DocumentRecord = existing
        ? { ...existing, name: l.name, lastOpened: now, ...(existing.secrets === undefined ? counted : {}) }
        : { id: sha256, name: l.name, size, recipe: safeRecipe(l.summary.recipe), firstOpened: now, lastOpened: now, hasOriginal: false, ...counted };
      await backend.putDocument(doc);
      if (!doc.hasOriginal && bytes) {
        try {
          await backend.putOriginal(doc, bytes);
        } catch (e) {
          set({
            problem: {
              quota: isQuotaError(e),
              message: `The original of ${l.name} could not be stored: ${storageMessage(e)} Its edits are still recorded; free space to keep the original too.`,
            },
          });
        }
      }
    });
  }

  async function onOpened(client: DocumentClient, summary: DocumentSummary, resume: { docId: string; head: string } | undefined): Promise<void> {
    const l: Line = { client, name: summary.name, summary, head: resume?.head ?? null, early: [], redact: useSettingsStore.getState().historyWithoutSecrets };
    const previous = line?.docId;
    line = l;
    // The closed document's key goes once its last entries are sealed and stored.
    if (previous) void queue.flush().then(() => previous !== line?.docId && forgetHistoryKey(previous));
    stored = [];
    set({ docId: undefined, head: l.head, entries: [], comparison: undefined });
    if (!resume) record('open', `Opened ${summary.name}`, []);
    try {
      // The open is recorded above, and every change after it chains to it (kept in `early` until the
      // hash is known); storing the original waits until the file is on screen, so its bytes, digest and
      // IndexedDB writes never stand between the drop and the first paint.
      await new Promise<void>((resolve) => afterPaint(resolve));
      // A line left for another document before this point still stores its original and what was
      // recorded on it (its worker is kept until then); only the page's view follows the current line.
      const current = () => line === l;
      const original = await client.call('original', { redactSecrets: l.redact });
      const { sha256 } = original;
      if (resume && resume.docId !== sha256 && current()) {
        // The stored bytes no longer hash to their key: start a new line rather than replay onto the wrong file.
        l.head = null;
        record('open', `Opened ${summary.name}`, []);
      }
      if (isEncryptedRecipe(summary.recipe)) {
        // Before any entry is queued: an encrypted document's entries are sealed, never written in clear.
        markEncrypted(sha256);
        if (!(await loadHistoryKey(client, sha256))) throw new Error('the worker has no key to seal this encrypted document’s history with');
      }
      l.docId = sha256;
      // Its module drafts are kept under the same id: those typed meanwhile are stored, the stored ones come back.
      if (current()) void useDraftsStore.getState().documentStored(sha256);
      for (const e of l.early) queue.add({ ...e, docId: sha256 }, sessionOf(l));
      l.early = [];
      const session = sessionOf(l);
      if (current()) set({ docId: sha256, head: l.head });
      await storeDocument(l, original);
      if (session && resume) await backend.write({ entries: [], sessions: [session] }).catch(() => undefined);
      if (current()) await loadEntries(sha256);
      await loadDocuments();
    } catch (e) {
      if (line === l)
        set({ problem: { quota: isQuotaError(e), message: `This document’s history could not be started: ${toErrorInfo(e, 'history').message}` } });
    }
  }

  /** A shared link shown read-only is not this user's document (yet): the previous line ends, nothing starts. */
  function endLine(): void {
    const previous = line?.docId;
    line = undefined;
    if (previous) void queue.flush().then(() => previous !== line?.docId && forgetHistoryKey(previous));
    stored = [];
    set({ docId: undefined, head: undefined, entries: [], comparison: undefined });
  }

  channel?.addEventListener('message', (event: MessageEvent<{ docIds?: string[] }>) => {
    const docId = line?.docId;
    if (docId && event.data.docIds?.includes(docId)) void loadEntries(docId);
    void loadDocuments();
  });

  if (typeof addEventListener === 'function') {
    // Best effort: a closing page gets one more chance to write what is queued.
    addEventListener('pagehide', () => void queue.flush());
    addEventListener('visibilitychange', () => {
      if (typeof document !== 'undefined' && document.visibilityState === 'hidden') void queue.flush();
    });
  }

  function currentLine(): (Line & { docId: string }) | undefined {
    const l = line;
    return l?.docId && !l.detached ? (l as Line & { docId: string }) : undefined;
  }

  return {
    tab: newTabId(() => {
      const a = new Uint32Array(1);
      globalThis.crypto?.getRandomValues(a);
      return (a[0] ?? 0) / 2 ** 32;
    }),
    started: false,
    entries: [],
    documents: [],
    offers: [],
    status: { pending: 0, saving: false },
    panelOpen: false,

    async start() {
      if (get().started) return;
      set({ started: true });
      await holdTabLock(get().tab);
      await loadDocuments();
      void get().refreshStorage();
      try {
        const [sessions, live] = await Promise.all([backend.listSessions(), liveTabs()]);
        const left = sessions.filter((s) => s.tab !== get().tab && !(live?.has(s.tab) ?? false));
        const offers: SessionOffer[] = [];
        for (const s of left.sort((a, b) => b.time - a.time)) {
          const entries = byId(await backend.listEntries(s.docId));
          if (!entries.has(s.head)) continue;
          offers.push({ ...s, ...stackCounts(lineTo(entries, s.head)) });
        }
        set({ offers });
      } catch (e) {
        set({ problem: { quota: false, message: `The last session could not be read: ${storageMessage(e)}` } });
      }
    },

    setPanelOpen(open) {
      set({ panelOpen: open });
      if (open) void get().refreshStorage();
    },

    lineSettled() {
      return starting.catch(() => undefined);
    },

    opened(client, summary, resume) {
      if (client !== line?.client) starting = onOpened(client, summary, resume);
    },

    ended() {
      if (line) endLine();
    },

    append(kind, label, ops) {
      if (kind === 'export' || ops.length > 0) record(kind, label, ops);
    },

    versionOf(entryId) {
      const entries = get().entries;
      const index = entries.findIndex((e) => e.id === entryId);
      const target = entries[index];
      if (!target || !currentLine()) return undefined;
      return { ops: opsTo(byId(entries), entryId), label: `Restore version ${index + 1} (${target.name ?? target.label})`, index };
    },

    setNotice(notice) {
      set({ notice });
    },

    setProblem(message) {
      set({ problem: { quota: false, message } });
    },

    async compare(aId, bId, scope) {
      const l = currentLine();
      const map = byId(get().entries);
      const a = map.get(aId);
      const b = map.get(bId);
      if (!l || !a || !b) return;
      set({ comparison: { a, b, scope } });
      const pointer = scope === '' ? '' : (useSession.getState().program?.modules.find((m) => m.id === scope)?.pointer ?? '');
      const textOf = async (id: string): Promise<string> => {
        const r = await l.client.call('versionText', { ops: opsTo(map, id), pointer, maxChars: 20_000_000 });
        if ('text' in r) return r.text;
        if ('absent' in r) return '';
        throw new Error(`the version is ${r.tooLarge.toLocaleString('en-US')} characters of text, too large to compare whole: compare one module`);
      };
      try {
        const [aText, bText] = await Promise.all([textOf(aId), textOf(bId)]);
        if (get().comparison?.a === a && get().comparison?.b === b) set({ comparison: { a, b, scope, aText, bText } });
      } catch (e) {
        set({ comparison: { a, b, scope, problem: e instanceof Error ? e.message : String(e) } });
      }
    },

    closeComparison() {
      set({ comparison: undefined });
    },

    async nameVersion(entryId, name) {
      const docId = get().docId;
      if (!docId) return;
      const trimmed = name.trim();
      if (!queue.rename(entryId, trimmed || undefined)) {
        try {
          await withLock(docId, async () => {
            const entry = await backend.getEntry(docId, entryId);
            if (!entry) return;
            if (trimmed) entry.name = trimmed;
            else delete entry.name;
            await backend.putEntry(entry);
          });
        } catch (e) {
          set({ problem: { quota: isQuotaError(e), message: `The name could not be saved: ${storageMessage(e)}` } });
        }
        await loadEntries(docId);
      } else set({ entries: mergedEntries().map((e) => ({ ...e })) });
      channel?.postMessage({ docIds: [docId] });
    },

    async deleteHistory(docId) {
      try {
        await backend.deleteDocument(docId);
      } catch (e) {
        set({ problem: { quota: false, message: `The history could not be deleted: ${storageMessage(e)}` } });
        return;
      }
      queue.forget(docId);
      if (line?.docId === docId) {
        line.detached = true;
        stored = [];
        set({ entries: [], notice: 'History deleted. New edits of this document are not recorded until it is opened again.' });
      }
      set({ offers: get().offers.filter((o) => o.docId !== docId) });
      channel?.postMessage({ docIds: [docId] });
      await loadDocuments();
      void get().refreshStorage();
    },

    async historyExportSecrets(docId) {
      await queue.flush();
      const document = await backend.getDocument(docId);
      if (!document) return undefined;
      // Sealed: the file carries the encrypted original and sealed entries, nothing in clear.
      if (isEncrypted(docId) || isEncryptedRecipe(document.recipe)) return { original: 0, entries: 0, keys: [] };
      const entries = await backend.storedEntries(docId);
      if (document.secrets !== undefined || !document.hasOriginal) return historySecrets(document, entries);
      // Stored before secrets were counted: the original is read in a worker of its own to count them.
      const bytes = await backend.getOriginal(docId);
      if (!bytes) return historySecrets({ ...document, hasOriginal: false }, entries);
      const counted = await withOriginal(bytes, document.name, (client) => client.call('original', {}));
      return historySecrets({ ...document, secrets: counted.secrets }, entries, counted.secretKeys);
    },

    async exportHistory(docId, options) {
      await queue.flush();
      const document = await backend.getDocument(docId);
      if (!document) return undefined;
      // As stored: an encrypted document's file carries its encrypted original and sealed entries.
      const [original, entries] = await Promise.all([backend.getOriginal(docId), backend.storedEntries(docId)]);
      let bundle: HistoryBundle = { document, ...(original ? { original } : {}), entries: chronological(entries) };
      if (options?.redact && !isEncrypted(docId) && !isEncryptedRecipe(document.recipe)) {
        const clean = original ? await withOriginal(original, document.name, (client) => client.call('redactedOriginal', {})) : undefined;
        bundle = redactBundle(bundle, clean && clean.redacted > 0 ? clean : undefined);
      }
      const text = serializeHistory(bundle);
      if (line?.docId === docId) record('export', options?.redact ? 'Exported the history without secrets' : 'Exported the history', []);
      return { name: document.name, text };
    },

    async importHistory(text) {
      try {
        const bundle = await parseHistory(text);
        const { document, original } = bundle;
        await withLock(document.id, async () => {
          const existing = await backend.getDocument(document.id);
          const merged: DocumentRecord = existing
            ? { ...existing, lastOpened: Math.max(existing.lastOpened, document.lastOpened) }
            : { ...document, hasOriginal: false };
          await backend.putDocument(merged);
          if (original && !merged.hasOriginal) await backend.putOriginal(merged, original);
          const have = new Set((await backend.listEntries(document.id)).map((e) => e.id));
          // Entries keep their ids: importing the same file twice adds nothing.
          await backend.write({ entries: bundle.entries.filter((e) => !have.has(e.id)), sessions: [] });
        });
        set({ notice: `Imported the history of ${document.name} (${bundle.entries.length} entries).` });
        await loadDocuments();
        if (line?.docId === document.id) await loadEntries(document.id);
        return true;
      } catch (e) {
        const info = toErrorInfo(e, 'history-file');
        set({ problem: { quota: isQuotaError(e), message: `The history file could not be imported: ${isQuotaError(e) ? storageMessage(e) : info.message}` } });
        return false;
      }
    },

    async storedVersion(docId) {
      const [doc, original, list] = await Promise.all([backend.getDocument(docId), backend.getOriginal(docId), backend.listEntries(docId)]);
      if (!doc || !original) return undefined;
      const sealed = list.some(isSealed);
      const last = chronological(list)
        .filter((e) => e.kind !== 'export')
        .at(-1)?.id;
      return { name: doc.name, bytes: original, ops: !sealed && last ? opsTo(byId(list), last) : [], sealed };
    },

    async loadResume(docId, head) {
      const [doc, original, list] = await Promise.all([backend.getDocument(docId), backend.getOriginal(docId), backend.listEntries(docId)]);
      if (!doc || !original) {
        set({
          problem: {
            quota: false,
            message: `The original of ${doc?.name ?? 'this document'} is no longer stored: open the file itself to continue its history.`,
          },
        });
        return undefined;
      }
      const entries = byId(list);
      const at =
        head && entries.has(head)
          ? head
          : chronological(list)
              .filter((e) => e.kind !== 'export')
              .at(-1)?.id;
      if (!at) return undefined;
      return { name: doc.name, bytes: original.slice().buffer, at, index: chronological(list).findIndex((e) => e.id === at), sealed: list.some(isSealed) };
    },

    async resumeLine(docId, at, sealed) {
      let entries = byId(await backend.listEntries(docId));
      if (sealed) {
        const client = line?.client;
        if (client) await loadHistoryKey(client, docId);
        const unsealed = await backend.listEntries(docId);
        if (unsealed.some(isSealed)) throw new Error('its edits are sealed with another key than the one entered, so only the original was reopened');
        entries = byId(unsealed);
      }
      return lineTo(entries, at);
    },

    async takeOffer(tab) {
      const offer = get().offers.find((o) => o.tab === tab);
      if (!offer) return undefined;
      set({ offers: get().offers.filter((o) => o.tab !== tab) });
      await backend.deleteSessions([tab]).catch(() => undefined);
      return offer;
    },

    async dismissOffers() {
      const tabs = get().offers.map((o) => o.tab);
      set({ offers: [] });
      await backend.deleteSessions(tabs).catch(() => undefined);
    },

    async dropOriginal(docId) {
      try {
        await backend.dropOriginal(docId);
      } catch (e) {
        set({ problem: { quota: false, message: `The original could not be dropped: ${storageMessage(e)}` } });
      }
      await loadDocuments();
      await get().refreshStorage();
      if (get().status.problem) await queue.retry();
    },

    async dropOtherOriginals() {
      const current = line?.docId;
      for (const d of get().documents) if (d.id !== current && d.hasOriginal) await backend.dropOriginal(d.id).catch(() => undefined);
      set({ problem: undefined });
      await loadDocuments();
      await get().refreshStorage();
      await queue.retry();
    },

    async retrySaving() {
      set({ problem: undefined });
      await queue.retry();
    },

    async requestPersistence() {
      const granted = await requestPersistence();
      set({
        notice: granted
          ? 'The browser will keep this history when space runs low.'
          : 'The browser did not agree to keep the history for sure; it may clear it when space runs low.',
      });
      await get().refreshStorage();
    },

    async refreshStorage() {
      const storage = await storageInfo().catch(() => undefined);
      if (storage) set({ storage });
    },

    dismissProblem() {
      set({ problem: undefined, notice: undefined });
    },

    dismissNotice() {
      set({ notice: undefined });
    },

    async flush() {
      // A line whose original is still to be stored holds its first entries until it is.
      await starting;
      await queue.flush();
    },
  };
});
