/**
 * Model edits as JSON Patch. Each function is pure: it returns the ops, their inverse (computed
 * by applying the ops to a path-copied value, which also checks they apply) and a label for the
 * history. Ops touch only the paths they must, so a JSON text edit stays local.
 */
import { FormatError } from '../../engine/errors';
import { demoArray, findModule } from './demos';
import { blankDemoFields } from './new-demo';
import { isObject, keyForWrite, keyOf, usesSymbolKeys } from './keys';
import { checkedEdit } from './patch';
import { getAt, joinPointer } from '../../engine/json-pointer';
import type { Edit, ModuleInfo, Operation, Program } from './program';

function unsupported(message: string, path?: string): never {
  throw new FormatError({ code: 'unsupported', layer: 'model', message, ...(path !== undefined ? { path } : {}) });
}

function invalid(message: string, path?: string): never {
  throw new FormatError({ code: 'invalid', layer: 'model', message, ...(path !== undefined ? { path } : {}) });
}

function finish(value: unknown, ops: Operation[], label: string): Edit {
  return checkedEdit<Edit>(value, ops, { label });
}

function checkDemoIndex(arr: unknown[], i: number, mod: ModuleInfo): void {
  if (!Number.isInteger(i) || i < 0 || i >= arr.length) {
    invalid(`Demo ${i} does not exist in ${mod.id} (it has ${arr.length}).`, mod.demosPointer);
  }
}

function clone<T>(v: T): T {
  return structuredClone(v);
}

/** Where a field of a stored demo lives, in the writer's key form. */
function demoFieldPath(raw: unknown, demoPtr: string, mod: ModuleInfo, fieldName: string): { path: string; exists: boolean } {
  if (!isObject(raw)) invalid(`Demo at ${demoPtr} is not an object.`, demoPtr);
  if (mod.demoShape === 'inputs-outputs') {
    const [inPart, outPart] = mod.demoParts ?? ['inputs', 'outputs'];
    for (const part of [inPart, outPart]) {
      const g = raw[part];
      if (isObject(g)) {
        const k = keyOf(g, fieldName);
        if (k !== undefined) return { path: joinPointer(demoPtr, part, k), exists: true };
      }
    }
    const role = mod.signature?.fields.find((f) => f.name === fieldName)?.role;
    const part = role === 'output' ? outPart : inPart;
    if (!isObject(raw[part])) invalid(`Demo at ${demoPtr} has no "${part}" object.`, demoPtr);
    return { path: joinPointer(demoPtr, part, fieldName), exists: false };
  }
  const k = keyOf(raw, fieldName);
  if (k !== undefined) return { path: joinPointer(demoPtr, k), exists: true };
  return { path: joinPointer(demoPtr, keyForWrite(fieldName, mod.symbolKeys === true || usesSymbolKeys(raw))), exists: false };
}

export function setDemoField(value: unknown, program: Program, moduleId: string, demoIndex: number, fieldName: string, newValue: unknown): Edit {
  const mod = findModule(program, moduleId);
  const arr = demoArray(value, mod);
  checkDemoIndex(arr, demoIndex, mod);
  const demoPtr = joinPointer(mod.demosPointer ?? '', demoIndex);
  const { path, exists } = demoFieldPath(arr[demoIndex], demoPtr, mod, fieldName);
  const ops: Operation[] = [{ op: exists ? 'replace' : 'add', path, value: newValue }];
  return finish(value, ops, `Edit ${fieldName} of demo ${demoIndex + 1} of ${moduleId}`);
}

/** A demo given as ordered fields, stored in the module's own shape and key form. */
function storedDemo(mod: ModuleInfo, fields: Array<[string, unknown]>, sample: unknown): unknown {
  const sym = mod.symbolKeys === true || usesSymbolKeys(sample);
  const put = (o: Record<string, unknown>, k: string, v: unknown): void => {
    Object.defineProperty(o, keyForWrite(k, sym), { value: v, writable: true, enumerable: true, configurable: true });
  };
  if (mod.demoShape === 'inputs-outputs') {
    const inputs: Record<string, unknown> = {};
    const outputs: Record<string, unknown> = {};
    for (const [k, v] of fields) put(mod.signature?.fields.find((f) => f.name === k)?.role === 'output' ? outputs : inputs, k, v);
    const [inPart, outPart] = mod.demoParts ?? ['inputs', 'outputs'];
    return { [inPart]: inputs, [outPart]: outputs };
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of fields) put(out, k, v);
  return out;
}

export function addDemo(
  value: unknown,
  program: Program,
  moduleId: string,
  /** Its fields; none for an empty demo shaped like the module's others (see new-demo). */
  demo: Array<[string, unknown]> | Record<string, unknown> | undefined,
  at?: number,
): Edit {
  const mod = findModule(program, moduleId);
  const arr = demoArray(value, mod);
  const index = at === undefined ? arr.length : at;
  if (!Number.isInteger(index) || index < 0 || index > arr.length) invalid(`Cannot insert a demo at ${index} (there are ${arr.length}).`, mod.demosPointer);
  const fields = demo === undefined ? blankDemoFields(mod, arr) : Array.isArray(demo) ? demo : Object.keys(demo).map((k): [string, unknown] => [k, demo[k]]);
  const ops: Operation[] = [{ op: 'add', path: joinPointer(mod.demosPointer ?? '', index), value: storedDemo(mod, fields, arr[0]) }];
  return finish(value, ops, `Add demo ${index + 1} to ${moduleId}`);
}

export function duplicateDemo(value: unknown, program: Program, moduleId: string, demoIndex: number): Edit {
  const mod = findModule(program, moduleId);
  const arr = demoArray(value, mod);
  checkDemoIndex(arr, demoIndex, mod);
  const ops: Operation[] = [{ op: 'add', path: joinPointer(mod.demosPointer ?? '', demoIndex + 1), value: clone(arr[demoIndex]) }];
  return finish(value, ops, `Duplicate demo ${demoIndex + 1} of ${moduleId}`);
}

export function removeDemos(value: unknown, program: Program, moduleId: string, indexes: readonly number[]): Edit {
  const mod = findModule(program, moduleId);
  const arr = demoArray(value, mod);
  const unique = [...new Set(indexes)].sort((a, b) => b - a);
  for (const i of unique) checkDemoIndex(arr, i, mod);
  // Highest index first, so each op's index still means the demo the user picked.
  const ops: Operation[] = unique.map((i) => ({ op: 'remove', path: joinPointer(mod.demosPointer ?? '', i) }));
  const label = unique.length === 1 ? `Remove demo ${(unique[0] ?? 0) + 1} of ${moduleId}` : `Remove ${unique.length} demos of ${moduleId}`;
  return finish(value, ops, label);
}

export function moveDemo(value: unknown, program: Program, moduleId: string, from: number, to: number): Edit {
  const mod = findModule(program, moduleId);
  const arr = demoArray(value, mod);
  checkDemoIndex(arr, from, mod);
  checkDemoIndex(arr, to, mod);
  const base = mod.demosPointer ?? '';
  const ops: Operation[] = from === to ? [] : [{ op: 'move', from: joinPointer(base, from), path: joinPointer(base, to) }];
  return finish(value, ops, `Move demo ${from + 1} of ${moduleId} to ${to + 1}`);
}

export function replaceModuleState(value: unknown, program: Program, moduleId: string, newState: unknown): Edit {
  const mod = findModule(program, moduleId);
  const ops: Operation[] = [{ op: 'replace', path: mod.pointer, value: newState }];
  return finish(value, ops, `Replace the state of ${moduleId}`);
}

/** `key` is a parameter name; "lm.<name>" targets the module's LM settings. */
export function setParam(value: unknown, program: Program, moduleId: string, key: string, newValue: unknown): Edit {
  const mod = findModule(program, moduleId);
  let target = mod.paramsPointer ?? mod.pointer;
  let name = key;
  if (key.startsWith('lm.')) {
    if (mod.lmPointer === undefined) unsupported(`Module ${moduleId} has no LM settings object.`, mod.pointer);
    target = mod.lmPointer;
    name = key.slice(3);
  }
  const container = getAt(value, target);
  if (!isObject(container)) unsupported(`Parameters of ${moduleId} are not an object.`, target);
  const existing = keyOf(container, name);
  const ops: Operation[] =
    existing !== undefined
      ? [{ op: 'replace', path: joinPointer(target, existing), value: newValue }]
      : [{ op: 'add', path: joinPointer(target, keyForWrite(name, mod.symbolKeys === true || usesSymbolKeys(container))), value: newValue }];
  return finish(value, ops, `Set ${key} of ${moduleId}`);
}
