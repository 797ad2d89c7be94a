/**
 * The undo and redo stacks a history line leaves, rebuilt from its entries: every change kind pushes
 * a step (and clears redo), an `undo` entry moves the last step to redo, a `redo` entry moves it back.
 * The session's stacks are made by the very same moves (state/session/commit), so a line replayed
 * here gives the stacks the page had when its last entry was written: what a restored session gets
 * back, and what the restore prompt counts.
 */
import type { EntryKind, HistoryEntry } from './history-types';

/** The kinds of change an undo step can hold (the session's UndoStep kinds). */
export type StepKind = Exclude<EntryKind, 'open' | 'undo' | 'redo' | 'export'>;

export function isStepKind(kind: EntryKind): kind is StepKind {
  return kind !== 'open' && kind !== 'undo' && kind !== 'redo' && kind !== 'export';
}

export interface Stacks<S> {
  /** Oldest first; the last is what Undo takes back. */
  past: S[];
  /** Next first; the first is what Redo brings back. */
  future: S[];
}

/**
 * The stacks after `line` (oldest first, as `lineTo` gives it). `stepOf` makes the step of a change
 * entry, with its index in `line`. An undo or redo with nothing to move (a line cut short) moves nothing.
 */
export function undoStacks<S>(line: readonly HistoryEntry[], stepOf: (entry: HistoryEntry, index: number) => S): Stacks<S> {
  const past: S[] = [];
  // Kept next-last, so moving a step is a push and a pop; reversed once at the end.
  const future: S[] = [];
  line.forEach((entry, index) => {
    if (entry.kind === 'undo') {
      if (past.length > 0) future.push(past.pop()!);
    } else if (entry.kind === 'redo') {
      if (future.length > 0) past.push(future.pop()!);
    } else if (entry.kind === 'open') {
      // A line starts with its open: nothing before it can be undone.
      past.length = 0;
      future.length = 0;
    } else if (isStepKind(entry.kind)) {
      past.push(stepOf(entry, index));
      future.length = 0;
    }
  });
  return { past, future: future.reverse() };
}

/** How many changes Undo and Redo can take back and bring back after `line`. */
export function stackCounts(line: readonly HistoryEntry[]): { changes: number; undone: number } {
  const { past, future } = undoStacks(line, () => true);
  return { changes: past.length, undone: future.length };
}
