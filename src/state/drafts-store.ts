/**
 * Module JSON drafts: text typed into a module's JSON view that was not applied (it does not parse,
 * or breaks the module's schema). Nothing the user typed is dropped: a draft stays per module across
 * module switches, and is stored with the document's history (history/page-backend, `draft/` keys),
 * so a reload or a restored session brings it back. It goes when the text is applied or in sync
 * with the model again, or when the user discards it on purpose.
 *
 * The session tells this store when a document opens (its drafts start empty) and the history store
 * when the document's id is known (its stored drafts load, those typed meanwhile are stored).
 */
import { create } from 'zustand';
import type { ModuleDraft } from '../core/program/history/history-types';
import { storageMessage } from './history/quota-error';
import { pageBackend } from './history/page-backend';

export interface Draft {
  text: string;
  /** Why it was not applied; absent while not checked yet. */
  error?: string;
}

interface DraftsState {
  /** The open document's id once known; until then drafts live in memory only. */
  docId?: string;
  /** By module id. */
  drafts: Record<string, Draft>;
  /** A draft that could not be stored: said, never dropped (it stays in memory). */
  problem?: string;
  documentOpened(): void;
  documentStored(docId: string): Promise<void>;
  /** Keeps (or replaces) the draft of `moduleId`. */
  keep(moduleId: string, text: string, error?: string): void;
  /** The draft of `moduleId` is gone: applied, in sync again, or discarded by the user. */
  drop(moduleId: string): void;
}

/** Bumped on each document opened, so a late load never lands on the next document. */
let opening = 0;

export const useDraftsStore = create<DraftsState>()((set, get) => {
  function store(docId: string, moduleId: string, draft: Draft): void {
    const record: ModuleDraft = { docId, moduleId, text: draft.text, time: Date.now(), ...(draft.error !== undefined ? { error: draft.error } : {}) };
    pageBackend.putDraft(record).then(
      () => set({ problem: undefined }),
      (e: unknown) => set({ problem: `The draft of ${moduleId} is kept in this page but could not be stored: ${storageMessage(e)}` }),
    );
  }

  return {
    drafts: {},

    documentOpened() {
      opening += 1;
      set({ docId: undefined, drafts: {}, problem: undefined });
    },

    async documentStored(docId) {
      const mine = opening;
      let stored: ModuleDraft[] = [];
      try {
        stored = await pageBackend.listDrafts(docId);
      } catch (e) {
        set({ problem: `The drafts of this document could not be read: ${storageMessage(e)}` });
      }
      if (mine !== opening) return;
      const typed = get().drafts;
      for (const [moduleId, draft] of Object.entries(typed)) store(docId, moduleId, draft);
      const loaded: Record<string, Draft> = {};
      for (const d of stored) loaded[d.moduleId] = { text: d.text, ...(d.error !== undefined ? { error: d.error } : {}) };
      // What was typed in this page is newer than what was stored.
      set({ docId, drafts: { ...loaded, ...typed } });
    },

    keep(moduleId, text, error) {
      const draft: Draft = { text, ...(error !== undefined ? { error } : {}) };
      const now = get().drafts[moduleId];
      if (now && now.text === draft.text && now.error === draft.error) return;
      set({ drafts: { ...get().drafts, [moduleId]: draft } });
      const docId = get().docId;
      if (docId) store(docId, moduleId, draft);
    },

    drop(moduleId) {
      if (!(moduleId in get().drafts)) return;
      const { [moduleId]: _gone, ...rest } = get().drafts;
      set({ drafts: rest });
      const docId = get().docId;
      if (docId)
        pageBackend
          .deleteDraft(docId, moduleId)
          .catch((e: unknown) => set({ problem: `The discarded draft of ${moduleId} is still stored: ${storageMessage(e)}` }));
    },
  };
});
