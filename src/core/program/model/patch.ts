/**
 * Pure application of JSON Patch with inverse ops. Containers along each op's path are copied
 * shallowly (path copying), so the input value is never touched and untouched subtrees (demos of
 * other modules, 100 MB of transcripts) are shared, not copied.
 */
import { FormatError } from '../../engine/errors';
import type { Operation } from './program';
import { hasOwn } from './keys';
import { getAt, parsePointer } from '../../engine/json-pointer';

type Container = Record<string, unknown> | unknown[];

function fail(message: string, path: string): never {
  throw new FormatError({ code: 'invalid', layer: 'patch', message, path });
}

function setOwn(o: Record<string, unknown>, key: string, value: unknown): void {
  // defineProperty, not assignment: a "__proto__" key must stay ordinary data.
  Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
}

function isContainer(v: unknown): v is Container {
  return v !== null && typeof v === 'object' && !(v instanceof Uint8Array);
}

function shallowCopy(c: Container): Container {
  if (Array.isArray(c)) return c.slice();
  // Spread defines own data properties, so a "__proto__" key stays ordinary data.
  return { ...c };
}

function arrayIndex(arr: unknown[], token: string, path: string, forAdd: boolean): number {
  if (forAdd && token === '-') return arr.length;
  if (!/^(0|[1-9]\d*)$/.test(token)) fail(`"${token}" is not an array index`, path);
  const i = Number(token);
  if (i > arr.length || (!forAdd && i === arr.length)) fail(`Index ${i} is out of range (length ${arr.length})`, path);
  return i;
}

/** Copies the containers down to the parent of `path`; returns the new root and the copied parent. */
function copyToParent(root: unknown, path: string): { root: unknown; parent: Container; last: string } {
  const tokens = parsePointer(path);
  const last = tokens.pop();
  if (last === undefined) fail('The root cannot be the target of this operation', path);
  if (!isContainer(root)) fail('The value is not an object or array', path);
  const newRoot = shallowCopy(root);
  let cur: Container = newRoot;
  for (const t of tokens) {
    const child: unknown = Array.isArray(cur) ? cur[arrayIndex(cur, t, path, false)] : hasOwn(cur, t) ? cur[t] : undefined;
    if (!isContainer(child)) fail(`No object or array at "${t}"`, path);
    const copy = shallowCopy(child);
    if (Array.isArray(cur)) cur[Number(t)] = copy;
    else setOwn(cur, t, copy);
    cur = copy;
  }
  return { root: newRoot, parent: cur, last };
}

function addAt(root: unknown, path: string, value: unknown): { root: unknown; inverse: Operation } {
  if (path === '') return { root: value, inverse: { op: 'replace', path: '', value: root } };
  const { root: r, parent, last } = copyToParent(root, path);
  if (Array.isArray(parent)) {
    const i = arrayIndex(parent, last, path, true);
    parent.splice(i, 0, value);
    const p = path.slice(0, path.lastIndexOf('/') + 1) + String(i);
    return { root: r, inverse: { op: 'remove', path: p } };
  }
  const existed = hasOwn(parent, last);
  const old = parent[last];
  setOwn(parent, last, value);
  return { root: r, inverse: existed ? { op: 'replace', path, value: old } : { op: 'remove', path } };
}

function removeAt(root: unknown, path: string): { root: unknown; removed: unknown; inverse: Operation } {
  const { root: r, parent, last } = copyToParent(root, path);
  if (Array.isArray(parent)) {
    const i = arrayIndex(parent, last, path, false);
    const [removed] = parent.splice(i, 1);
    return { root: r, removed, inverse: { op: 'add', path, value: removed } };
  }
  if (!hasOwn(parent, last)) fail(`No key "${last}" to remove`, path);
  const removed = parent[last];
  delete parent[last];
  return { root: r, removed, inverse: { op: 'add', path, value: removed } };
}

function replaceAt(root: unknown, path: string, value: unknown): { root: unknown; inverse: Operation } {
  if (path === '') return { root: value, inverse: { op: 'replace', path: '', value: root } };
  const { root: r, parent, last } = copyToParent(root, path);
  if (Array.isArray(parent)) {
    const i = arrayIndex(parent, last, path, false);
    const old = parent[i];
    parent[i] = value;
    return { root: r, inverse: { op: 'replace', path, value: old } };
  }
  if (!hasOwn(parent, last)) fail(`No key "${last}" to replace`, path);
  const old = parent[last];
  setOwn(parent, last, value);
  return { root: r, inverse: { op: 'replace', path, value: old } };
}

export interface Applied {
  value: unknown;
  /** Ops that undo `ops` on the result, in the order to apply them. */
  inverse: Operation[];
}

export function applyWithInverse(value: unknown, ops: readonly Operation[]): Applied {
  let root = value;
  const inverse: Operation[][] = [];
  for (const op of ops) {
    switch (op.op) {
      case 'add': {
        const res = addAt(root, op.path, op.value);
        root = res.root;
        inverse.push([res.inverse]);
        break;
      }
      case 'remove': {
        const res = removeAt(root, op.path);
        root = res.root;
        inverse.push([res.inverse]);
        break;
      }
      case 'replace': {
        const res = replaceAt(root, op.path, op.value);
        root = res.root;
        inverse.push([res.inverse]);
        break;
      }
      case 'move': {
        const rem = removeAt(root, op.from);
        const add = addAt(rem.root, op.path, rem.removed);
        root = add.root;
        inverse.push([add.inverse, rem.inverse]);
        break;
      }
      case 'copy': {
        const res = addAt(root, op.path, getAt(root, op.from));
        root = res.root;
        inverse.push([res.inverse]);
        break;
      }
      case 'test':
        break;
    }
  }
  return { value: root, inverse: inverse.reverse().flat() };
}

/**
 * An edit's ops are applied once: to check they apply and to get their inverse. The value that made
 * is remembered beside the edit, so the document adopts it instead of applying the same ops again.
 */
const results = new WeakMap<object, { from: unknown; to: unknown }>();

export function checkedEdit<E extends { ops: Operation[]; inverse: Operation[] }>(value: unknown, ops: Operation[], rest: Omit<E, 'ops' | 'inverse'>): E {
  const applied = applyWithInverse(value, ops);
  const edit = { ...rest, ops, inverse: applied.inverse } as E;
  results.set(edit, { from: value, to: applied.value });
  return edit;
}

/** Records what an edit made from `from`, when its maker applied it another way (a migration). */
export function rememberResult(edit: object, from: unknown, to: unknown): void {
  results.set(edit, { from, to });
}

/** The value `edit` makes from `from`: remembered when the edit was made from that very value, else applied now. */
export function resultOf(edit: { ops: readonly Operation[] }, from: unknown): unknown {
  const known = results.get(edit);
  return known && known.from === from ? known.to : applyWithInverse(from, edit.ops).value;
}
