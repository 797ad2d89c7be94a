/** Preferences remembered between visits (on this device only). */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export type ThemeChoice = 'system' | 'light' | 'dark';

interface SettingsState {
  theme: ThemeChoice;
  /** Widths in pixels of the module tree and of the JSON pane. */
  treeWidth: number;
  jsonWidth: number;
  /** Store history originals (and the ops of edits) with flagged secrets replaced by "[REDACTED]". */
  historyWithoutSecrets: boolean;
  setHistoryWithoutSecrets(on: boolean): void;
  setTheme(theme: ThemeChoice): void;
  setTreeWidth(px: number): void;
  setJsonWidth(px: number): void;
}

const clamp = (px: number, min: number, max: number) => Math.round(Math.min(max, Math.max(min, px)));

/** The widths, in pixels, the module tree and the JSON pane can be dragged to. */
export const TREE_WIDTH = { min: 180, max: 600 } as const;
export const JSON_WIDTH = { min: 280, max: 1200 } as const;

export const useSettingsStore = create<SettingsState>()(
  persist(
    (set) => ({
      theme: 'system',
      treeWidth: 280,
      jsonWidth: 520,
      historyWithoutSecrets: false,
      setHistoryWithoutSecrets: (on) => set({ historyWithoutSecrets: on }),
      setTheme: (theme) => set({ theme }),
      setTreeWidth: (px) => set({ treeWidth: clamp(px, TREE_WIDTH.min, TREE_WIDTH.max) }),
      setJsonWidth: (px) => set({ jsonWidth: clamp(px, JSON_WIDTH.min, JSON_WIDTH.max) }),
    }),
    { name: 'program-studio.settings', version: 1 },
  ),
);
