/**
 * How the Prompt tab shows each predictor of the open document: adapter, tokenizer, per-field types,
 * the tried input and the pasted signature. View settings only: they live with the document for the
 * session and are never written into an exported file. A new document starts afresh.
 */
import { create } from 'zustand';
import type { AdapterId } from '../core/program/prompt/prompt-types';
import type { TokenizerId } from '../core/program/prompt/token-count';

export interface ModulePromptSettings {
  /** Annotation text by field position ("list[str]"). */
  types: Record<number, string>;
  /** Typed input values by field name. */
  inputs: Record<string, string>;
  /** The pasted signature, as typed. */
  signature: string;
}

const EMPTY: ModulePromptSettings = { types: {}, inputs: {}, signature: '' };

interface PromptViewState {
  adapter: AdapterId;
  tokenizer: TokenizerId;
  modules: Record<string, ModulePromptSettings>;
  setAdapter(adapter: AdapterId): void;
  setTokenizer(tokenizer: TokenizerId): void;
  setType(moduleId: string, fieldIndex: number, type: string | undefined): void;
  setInput(moduleId: string, field: string, text: string): void;
  setSignature(moduleId: string, text: string): void;
  /** Told by the session when a document opens: its predictors start with no settings. */
  documentOpened(): void;
}

function update(state: PromptViewState, moduleId: string, change: (m: ModulePromptSettings) => ModulePromptSettings): Pick<PromptViewState, 'modules'> {
  return { modules: { ...state.modules, [moduleId]: change(state.modules[moduleId] ?? EMPTY) } };
}

export const usePromptViewStore = create<PromptViewState>()((set) => ({
  adapter: 'chat',
  tokenizer: 'o200k_base',
  modules: {},
  setAdapter: (adapter) => set({ adapter }),
  setTokenizer: (tokenizer) => set({ tokenizer }),
  setType: (moduleId, fieldIndex, type) =>
    set((s) =>
      update(s, moduleId, (m) => {
        const types = { ...m.types };
        if (type === undefined || type.trim() === '') delete types[fieldIndex];
        else types[fieldIndex] = type;
        return { ...m, types };
      }),
    ),
  setInput: (moduleId, field, text) => set((s) => update(s, moduleId, (m) => ({ ...m, inputs: { ...m.inputs, [field]: text } }))),
  setSignature: (moduleId, signature) => set((s) => update(s, moduleId, (m) => ({ ...m, signature }))),
  documentOpened: () => set({ modules: {} }),
}));

export function modulePromptSettings(state: Pick<PromptViewState, 'modules'>, moduleId: string): ModulePromptSettings {
  return state.modules[moduleId] ?? EMPTY;
}
