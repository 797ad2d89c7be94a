/**
 * Key order is part of a saved file (it decides the bytes written back), but JSON Patch has no
 * "reorder" op: a `move` of a key onto itself re-appends it at the end. These helpers express a
 * wanted order as such moves, for migrations and for making an inverse restore the exact order.
 */
import { isObject } from './keys';
import { joinPointer } from '../../engine/json-pointer';
import type { Operation } from './program';

/**
 * Moves that turn the key order of `obj` into `wanted` (keys of `obj` missing from `wanted` keep
 * their relative order after the wanted ones). Only the keys from the first mismatch on move.
 */
export function reorderOps(obj: Record<string, unknown>, wanted: readonly string[], base: string): Operation[] {
  const current = Object.keys(obj);
  const present = new Set(current);
  const order = wanted.filter((k) => present.has(k));
  const listed = new Set(order);
  for (const k of current) if (!listed.has(k)) order.push(k);
  let i = 0;
  while (i < current.length && current[i] === order[i]) i++;
  return order.slice(i).map((k) => ({ op: 'move', from: joinPointer(base, k), path: joinPointer(base, k) }));
}

/**
 * Moves that give every object of `current` the key order of its counterpart in `target`. Only
 * containers that are not the very same object are visited: path-copied edits share untouched
 * subtrees, so this costs the changed paths, not the document.
 */
export function orderFixOps(target: unknown, current: unknown, base = ''): Operation[] {
  if (target === current) return [];
  const ops: Operation[] = [];
  if (Array.isArray(target) && Array.isArray(current) && target.length === current.length) {
    target.forEach((t, i) => ops.push(...orderFixOps(t, current[i], joinPointer(base, i))));
    return ops;
  }
  if (isObject(target) && isObject(current)) {
    const tk = Object.keys(target);
    const ck = Object.keys(current);
    if (tk.length === ck.length && tk.every((k) => Object.prototype.hasOwnProperty.call(current, k))) {
      for (const k of tk) ops.push(...orderFixOps(target[k], current[k], joinPointer(base, k)));
      ops.push(...reorderOps(current, tk, base));
    }
  }
  return ops;
}
