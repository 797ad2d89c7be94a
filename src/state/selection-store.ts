/** What the user is looking at: the module, the demo filter and the demos ticked for bulk actions. */
import { create } from 'zustand';
import type { Program } from '../core/program/model/program';

interface SelectionState {
  moduleId?: string;
  demoFilter: string;
  /** Demo indexes ticked in the selected module. */
  checkedDemos: ReadonlySet<number>;
  selectModule(moduleId: string | undefined): void;
  setDemoFilter(text: string): void;
  toggleDemo(index: number, on?: boolean): void;
  clearChecked(): void;
  /** Told by the session when a document opens: its first module with demos (or its first module) is selected. */
  documentOpened(program: Program): void;
  /**
   * Told by the session after a change: the selected module can disappear (a replaced module file)
   * and selection falls back to none, except that a predictor a migration renamed (a CoT `X` that
   * became `X.predict`) stays selected under its new name.
   */
  programChanged(program: Program, migrated: boolean): void;
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
  documentOpened(program) {
    const first = program.modules.find((m) => m.demoCount > 0) ?? program.modules[0];
    set({ moduleId: first?.id, demoFilter: '', checkedDemos: new Set() });
  },
  programChanged(program, migrated) {
    const id = get().moduleId;
    if (id === undefined || program.modules.some((m) => m.id === id)) return;
    const renamed = id === 'self' ? 'predict' : `${id}.predict`;
    get().selectModule(migrated && program.modules.some((m) => m.id === renamed) ? renamed : undefined);
  },
}));
