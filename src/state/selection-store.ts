/** What the user is looking at: the module, the demo filter and the demos ticked for bulk actions. */
import { create } from 'zustand';
import { useDocumentStore } from './document-store';

interface SelectionState {
  moduleId?: string;
  demoFilter: string;
  /** Demo indexes ticked in the selected module. */
  checkedDemos: ReadonlySet<number>;
  selectModule(moduleId: string | undefined): void;
  setDemoFilter(text: string): void;
  toggleDemo(index: number, on?: boolean): void;
  clearChecked(): void;
}

export const useSelectionStore = create<SelectionState>()((set, get) => ({
  demoFilter: '',
  checkedDemos: new Set(),
  selectModule(moduleId) {
    if (moduleId === get().moduleId) return;
    set({ moduleId, demoFilter: '', checkedDemos: new Set() });
  },
  setDemoFilter(demoFilter) {
    set({ demoFilter });
  },
  toggleDemo(index, on) {
    const next = new Set(get().checkedDemos);
    if (on ?? !next.has(index)) next.add(index);
    else next.delete(index);
    set({ checkedDemos: next });
  },
  clearChecked() {
    set({ checkedDemos: new Set() });
  },
}));

// A new document selects its first module with demos (or its first module).
useDocumentStore.subscribe((state, previous) => {
  if (state.client === previous.client) {
    // The selected module can disappear (a replaced module file); fall back to none.
    const id = useSelectionStore.getState().moduleId;
    if (id && state.program && !state.program.modules.some((m) => m.id === id)) useSelectionStore.getState().selectModule(undefined);
    return;
  }
  const modules = state.program?.modules ?? [];
  const first = modules.find((m) => m.demoCount > 0) ?? modules[0];
  useSelectionStore.setState({ moduleId: first?.id, demoFilter: '', checkedDemos: new Set() });
});
