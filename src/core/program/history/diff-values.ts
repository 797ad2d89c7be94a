/**
 * The smallest practical JSON Patch from one value to another, so restoring an old version is a
 * small edit on top (a removed demo comes back as one `add`), not a copy of the program. Objects
 * are compared key by key, arrays by their common head and tail; a key order change replaces the
 * object, since key order decides the bytes written back.
 */
import { deepEqual } from '../model/deep-equal';
import { joinPointer } from '../../engine/json-pointer';
import type { Operation } from '../model/program';
import { commonEnds } from '../model/common-ends';

type Obj = Record<string, unknown>;

function isPlainObject(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array);
}

export function diffValues(from: unknown, to: unknown, path = ''): Operation[] {
  const out: Operation[] = [];
  diffInto(from, to, path, out);
  return out;
}

function diffInto(a: unknown, b: unknown, path: string, out: Operation[]): void {
  if (deepEqual(a, b)) return;
  if (Array.isArray(a) && Array.isArray(b)) return diffArrays(a, b, path, out);
  if (isPlainObject(a) && isPlainObject(b) && sameKeyOrderOfShared(a, b)) return diffObjects(a, b, path, out);
  out.push({ op: 'replace', path, value: b });
}

/** Keys both have must keep their relative order, and new keys must come after the old ones. */
function sameKeyOrderOfShared(a: Obj, b: Obj): boolean {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  const shared = ka.filter((k) => Object.prototype.hasOwnProperty.call(b, k));
  const sharedInB = kb.filter((k) => Object.prototype.hasOwnProperty.call(a, k));
  if (shared.some((k, i) => sharedInB[i] !== k)) return false;
  // An added key is appended by a JSON Patch `add`: fine only when it comes after every shared key.
  const lastShared = shared.length === 0 ? -1 : kb.indexOf(shared[shared.length - 1]!);
  return kb.every((k, i) => Object.prototype.hasOwnProperty.call(a, k) || i > lastShared);
}

function diffObjects(a: Obj, b: Obj, path: string, out: Operation[]): void {
  for (const k of Object.keys(a)) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) out.push({ op: 'remove', path: joinPointer(path, k) });
  }
  for (const k of Object.keys(b)) {
    const p = joinPointer(path, k);
    if (Object.prototype.hasOwnProperty.call(a, k)) diffInto(a[k], b[k], p, out);
    else out.push({ op: 'add', path: p, value: b[k] });
  }
}

function diffArrays(a: unknown[], b: unknown[], path: string, out: Operation[]): void {
  const { head, tail } = commonEnds(a, b);
  const aMid = a.length - head - tail;
  const bMid = b.length - head - tail;
  const common = Math.min(aMid, bMid);
  for (let i = 0; i < common; i++) diffInto(a[head + i], b[head + i], joinPointer(path, head + i), out);
  // Extra old items go highest first, so each index still names the item meant.
  for (let i = aMid - 1; i >= common; i--) out.push({ op: 'remove', path: joinPointer(path, head + i) });
  for (let i = common; i < bMid; i++) out.push({ op: 'add', path: joinPointer(path, head + i), value: b[head + i] });
}
