/**
 * The one way the page counts a document's changes, in the program bar and in the restore prompt:
 * the steps Undo can take back (and those Redo can bring back), so both say the same number of the
 * same thing. Undo and redo themselves are moves, not changes, and are not counted.
 */
export function changeCount(changes: number, undone: number): string {
  const text = `${changes} change${changes === 1 ? '' : 's'}`;
  return undone > 0 ? `${text} · ${undone} undone` : text;
}

export const CHANGE_COUNT_TITLE = 'Changes since the file was opened that Undo can take back; undone ones Redo can bring back';
