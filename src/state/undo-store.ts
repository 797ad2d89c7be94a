/**
 * Undo and redo over model edits, whatever made them (forms or the JSON editor): each entry is the
 * edit's patch and its inverse, so both directions are one small operation list sent to the worker.
 */
import { create } from 'zustand';
import type { ErrorInfo } from '../core/engine/errors';
import type { Edit } from '../core/program/model/program';
import type { EditRequest } from '../worker/protocol';
import { useDocumentStore } from './document-store';

interface UndoState {
  past: Edit[];
  future: Edit[];
  perform(request: EditRequest): Promise<Edit | undefined>;
  /** Like perform, but a refused edit comes back to the caller (shown where the user typed), not in the banner. */
  attempt(request: EditRequest): Promise<{ edit: Edit } | { error: ErrorInfo }>;
  /** Records an edit the worker has already applied (a migration) as one undo step. */
  record(edit: Edit): void;
  undo(): Promise<void>;
  redo(): Promise<void>;
  reset(): void;
}

export const useUndoStore = create<UndoState>()((set, get) => ({
  past: [],
  future: [],

  async perform(request) {
    const edit = await useDocumentStore.getState().edit(request);
    if (edit && edit.ops.length > 0) set({ past: [...get().past, edit], future: [] });
    return edit;
  },

  async attempt(request) {
    const result = await useDocumentStore.getState().tryEdit(request);
    if ('edit' in result && result.edit.ops.length > 0) set({ past: [...get().past, result.edit], future: [] });
    return result;
  },

  record(edit) {
    if (edit.ops.length > 0) set({ past: [...get().past, edit], future: [] });
  },

  async undo() {
    const edit = get().past.at(-1);
    if (!edit) return;
    if (await useDocumentStore.getState().applyOps(edit.inverse)) {
      set({ past: get().past.slice(0, -1), future: [edit, ...get().future] });
    }
  },

  async redo() {
    const [edit, ...rest] = get().future;
    if (!edit) return;
    if (await useDocumentStore.getState().applyOps(edit.ops)) {
      set({ past: [...get().past, edit], future: rest });
    }
  },

  reset() {
    set({ past: [], future: [] });
  },
}));

// A new document starts a new undo history.
useDocumentStore.subscribe((state, previous) => {
  if (state.client !== previous.client) useUndoStore.getState().reset();
});
