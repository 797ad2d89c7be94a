import { describe, expect, it } from 'vitest';
import type { EntryKind, HistoryEntry } from './history-types';
import { stackCounts, undoStacks } from './undo-stacks';

let n = 0;
function entry(kind: EntryKind, label: string = kind): HistoryEntry {
  n += 1;
  return {
    id: `e${n}`,
    docId: 'd',
    parent: null,
    time: n,
    kind,
    label,
    ops: kind === 'open' || kind === 'export' ? [] : [{ op: 'replace', path: '/x', value: n }],
    tab: 't',
  };
}

const labels = (line: HistoryEntry[]) => {
  const { past, future } = undoStacks(line, (e) => e.label);
  return { past, future };
};

describe('undo stacks from a history line', () => {
  it('pushes every change, moves the last one to redo on undo and back on redo', () => {
    const line = [
      entry('open'),
      entry('edit', 'a'),
      entry('migration', 'b'),
      entry('import', 'c'),
      entry('undo'),
      entry('undo'),
      entry('redo'),
      entry('export'),
    ];
    expect(labels(line)).toEqual({ past: ['a', 'b'], future: ['c'] });
    expect(stackCounts(line)).toEqual({ changes: 2, undone: 1 });
  });

  it('clears redo when a new change is made after an undo, as the session does', () => {
    const line = [entry('open'), entry('edit', 'a'), entry('edit', 'b'), entry('undo'), entry('restore', 'r')];
    expect(labels(line)).toEqual({ past: ['a', 'r'], future: [] });
  });

  it('counts changes, not undo and redo entries: three edits and an undo are two changes and one undone', () => {
    const line = [entry('open'), entry('edit'), entry('edit'), entry('edit'), entry('undo')];
    expect(stackCounts(line)).toEqual({ changes: 2, undone: 1 });
  });

  it('keeps the order of several undone steps: redo brings back the one undone last', () => {
    const line = [entry('open'), entry('edit', 'a'), entry('edit', 'b'), entry('edit', 'c'), entry('undo'), entry('undo')];
    expect(labels(line)).toEqual({ past: ['a'], future: ['b', 'c'] });
  });

  it('moves nothing for an undo or redo with nothing to move (a line cut short)', () => {
    const line = [entry('open'), entry('undo'), entry('redo'), entry('edit', 'a')];
    expect(labels(line)).toEqual({ past: ['a'], future: [] });
  });
});
