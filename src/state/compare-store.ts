/**
 * "Compare…" as the page sees it. Every worker call of the comparison lives here (and nowhere in
 * the components): pick the other side, follow the progress, compare again after every change the
 * session tells it of. Taking instructions or a demo across is a session change (session/compare-actions).
 */
import { create } from 'zustand';
import { toErrorInfo, type ErrorInfo } from '../core/engine/errors';
import { byId, opsTo } from '../core/program/history/replay';
import type { Comparison } from '../core/program/compare/types';
import { comparisonJson, comparisonMarkdown } from '../core/program/compare/markdown';
import type { CompareSource, Progress } from '../worker/protocol';
import { useHistoryStore } from './history-store';
import { useSeriesStore } from './series-store';
import { useSession } from './session/session-store';

export interface CompareState {
  open: boolean;
  /** Name of the other side, once picked. */
  otherName?: string;
  busy: boolean;
  progress?: Progress;
  comparison?: Comparison;
  error?: ErrorInfo;
  /** Predictor shown in detail (its id in the comparison). */
  selected?: string;
  show(): void;
  close(): void;
  select(id: string | undefined): void;
  compareFile(file: File): Promise<void>;
  compareVersion(entryId: string): Promise<void>;
  compareRecent(docId: string): Promise<void>;
  /** A checkpoint of the open series (by its index in the timeline). */
  compareCheckpoint(index: number): Promise<void>;
  /** Told by the session when another document opens: the comparison was of the one before. */
  documentOpened(): void;
  /** Told by the session after every change (an edit, a take, undo, redo): compared again against the same other side. */
  documentChanged(): void;
  /** A take that failed, shown in the comparison. */
  showError(error: ErrorInfo): void;
  report(kind: 'md' | 'json'): { name: string; text: string } | undefined;
}

function client() {
  const c = useSession.getState().client;
  if (!c) throw new Error('No document is open.');
  return c;
}

/** Later answers win: a compare started while one runs makes the first one's answer stale. */
let generation = 0;

export const useCompareStore = create<CompareState>()((set, get) => {
  async function run(source: CompareSource | undefined, name: string | undefined): Promise<void> {
    const mine = ++generation;
    set({ busy: true, error: undefined, progress: undefined, ...(name !== undefined ? { otherName: name, comparison: undefined, selected: undefined } : {}) });
    try {
      const comparison = await client().call('compareWith', source ? { source } : {}, {
        onProgress: (progress) => mine === generation && set({ progress }),
        ...(source?.kind === 'bytes' || source?.kind === 'stored' ? { transfer: [source.bytes] } : {}),
      });
      if (mine !== generation) return;
      const selected = get().selected;
      set({
        comparison,
        busy: false,
        progress: undefined,
        selected: selected !== undefined && comparison.predictors.some((p) => p.id === selected) ? selected : undefined,
      });
    } catch (e) {
      if (mine === generation) set({ busy: false, progress: undefined, error: toErrorInfo(e, 'compare') });
    }
  }

  return {
    open: false,
    busy: false,
    show: () => set({ open: true }),
    close() {
      generation++;
      set({ open: false, busy: false, comparison: undefined, otherName: undefined, error: undefined, selected: undefined, progress: undefined });
      // Best effort: the worker drops the other side; a worker already gone holds nothing to drop.
      void useSession
        .getState()
        .client?.call('compareClose', {})
        .catch(() => undefined);
    },
    select: (selected) => set({ selected }),
    compareFile: (file) => run({ kind: 'file', file }, file.name),
    async compareVersion(entryId) {
      const entries = useHistoryStore.getState().entries;
      const index = entries.findIndex((e) => e.id === entryId);
      if (index < 0) return;
      const label = `version ${index + 1}${entries[index]!.name ? ` (${entries[index]!.name})` : ''}`;
      await run({ kind: 'version', ops: opsTo(byId(entries), entryId), label }, label);
    },
    async compareRecent(docId) {
      const stored = await useHistoryStore.getState().storedVersion(docId);
      if (!stored) {
        set({ error: { code: 'invalid', layer: 'history', message: 'That file’s original is no longer stored in this browser: open it to compare.' } });
        return;
      }
      const label = stored.sealed ? `${stored.name} (as first opened: its edits are sealed)` : stored.name;
      await run({ kind: 'stored', bytes: stored.bytes.slice().buffer, name: stored.name, ops: stored.ops }, label);
    },
    async compareCheckpoint(index) {
      const series = useSeriesStore.getState();
      const row = series.timeline?.checkpoints.find((c) => c.index === index);
      let file: { name: string; bytes: Uint8Array } | undefined;
      try {
        file = await series.checkpointFile(index);
      } catch (e) {
        set({ error: toErrorInfo(e, 'series') });
        return;
      }
      if (!row || !file) {
        set({ error: { code: 'invalid', layer: 'series', message: `Checkpoint ${index + 1} cannot be read as a program (see its row in the timeline).` } });
        return;
      }
      const label = `checkpoint ${index + 1} (${row.name})`;
      await run({ kind: 'bytes', bytes: file.bytes.slice().buffer, name: file.name }, label);
    },
    documentOpened() {
      generation++;
      if (get().open)
        set({ open: false, busy: false, comparison: undefined, otherName: undefined, selected: undefined, error: undefined, progress: undefined });
    },
    documentChanged() {
      if (get().open && get().otherName !== undefined) void rerun();
    },
    showError: (error) => set({ error }),
    report(kind) {
      const c = get().comparison;
      if (!c) return undefined;
      const stem = `compare-${c.a.label}-${c.b.label}`.replace(/[^\w.-]+/g, '_').slice(0, 120);
      return kind === 'md' ? { name: `${stem}.md`, text: comparisonMarkdown(c) } : { name: `${stem}.json`, text: comparisonJson(c) };
    },
  };
});

/**
 * One comparison in flight at a time, and at most one queued: on a large program a burst of edits
 * must not queue a full comparison each in front of the worker's other calls.
 */
let rerunning = false;
let rerunAgain = false;

async function rerun(): Promise<void> {
  if (rerunning) {
    rerunAgain = true;
    return;
  }
  rerunning = true;
  try {
    do {
      rerunAgain = false;
      const mine = ++generation;
      try {
        const comparison = await client().call('compareWith', {});
        if (mine === generation && useCompareStore.getState().open) useCompareStore.setState({ comparison });
      } catch (e) {
        if (mine === generation) useCompareStore.setState({ error: toErrorInfo(e, 'compare') });
      }
    } while (rerunAgain && useCompareStore.getState().open);
  } finally {
    rerunning = false;
  }
}
