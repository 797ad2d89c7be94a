/** Instructions as a word diff (the `diff` package does the diffing; we only count words). */
import { diffWords } from 'diff';
import type { InstructionsChange, WordPart } from './types';

const WORD = /\S+/g;

function countWords(s: string): number {
  return s.match(WORD)?.length ?? 0;
}

/** Texts beyond this many characters are diffed by line-sized words only up to a bound of work. */
const MAX_DIFF_CHARS = 200_000;

export function wordDiff(a: string, b: string): InstructionsChange {
  if (a.length + b.length > MAX_DIFF_CHARS) {
    // Myers' diff is O(N·D): huge rewritten texts are shown as replaced, in bounded time.
    return {
      a,
      b,
      added: countWords(b),
      removed: countWords(a),
      parts: [
        { kind: 'removed', text: a },
        { kind: 'added', text: b },
      ],
    };
  }
  const parts: WordPart[] = [];
  let added = 0;
  let removed = 0;
  for (const c of diffWords(a, b)) {
    const kind = c.added ? 'added' : c.removed ? 'removed' : 'same';
    if (kind === 'added') added += countWords(c.value);
    if (kind === 'removed') removed += countWords(c.value);
    parts.push({ kind, text: c.value });
  }
  return { a, b, added, removed, parts };
}
