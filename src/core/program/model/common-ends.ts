import { deepEqual } from './deep-equal';

/**
 * How many items two lists share at their start (`head`) and, after that, at their end (`tail`):
 * what is left between them is what changed. Used to diff demo lists by position.
 */
export function commonEnds(a: readonly unknown[], b: readonly unknown[]): { head: number; tail: number } {
  let head = 0;
  while (head < a.length && head < b.length && deepEqual(a[head], b[head])) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && deepEqual(a[a.length - 1 - tail], b[b.length - 1 - tail])) tail++;
  return { head, tail };
}
