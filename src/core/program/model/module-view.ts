/**
 * What the precise (JSON) view shows of one module. A module whose demos run to megabytes is shown
 * without them: a text editor cannot hold 100 MB, and the demo list edits them one at a time anyway.
 * An edit of that view is put back together with the demos it left out, in their place.
 */
import { FormatError } from '../../engine/errors';
import { parsePointer } from '../../engine/json-pointer';
import type { ModuleInfo } from './program';

/** Characters of JSON above which a module's demos are left out of its view. */
export const MODULE_VIEW_LIMIT = 1_000_000;

export interface LeftOut {
  /** The key of the demos in the module's state. */
  key: string;
  /** Its position among the state's keys, so it goes back where it was. */
  index: number;
  count: number;
}

/** True once the JSON text of `value` would pass `limit` characters; stops counting there. */
export function jsonSizeExceeds(value: unknown, limit: number): boolean {
  let size = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') size += v.length + 2;
    else if (Array.isArray(v)) {
      size += 2 + v.length;
      for (const item of v) stack.push(item);
    } else if (v !== null && typeof v === 'object' && !(v instanceof Uint8Array)) {
      for (const [k, item] of Object.entries(v)) {
        size += k.length + 4;
        stack.push(item);
      }
    } else size += 8;
    if (size > limit) return true;
  }
  return false;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array);
}

/** The state to show, and what was left out of it (when the demos are too large to show). */
export function moduleView(state: unknown, module: ModuleInfo, limit = MODULE_VIEW_LIMIT): { view: unknown; leftOut?: LeftOut } {
  if (!isRecord(state) || module.demosPointer === undefined) return { view: state };
  const demosPath = parsePointer(module.demosPointer);
  const modulePath = parsePointer(module.pointer);
  const key = demosPath[demosPath.length - 1];
  // Only demos held directly by the module's state can be left out and put back.
  if (key === undefined || demosPath.length !== modulePath.length + 1 || !Object.prototype.hasOwnProperty.call(state, key)) return { view: state };
  if (!jsonSizeExceeds(state[key], limit)) return { view: state };
  const keys = Object.keys(state);
  const view: Record<string, unknown> = {};
  for (const k of keys) if (k !== key) Object.defineProperty(view, k, { value: state[k], enumerable: true, writable: true, configurable: true });
  return { view, leftOut: { key, index: keys.indexOf(key), count: module.demoCount } };
}

/** The edited view with the left-out demos put back at their place, taken from the current state. */
export function restoreLeftOut(edited: unknown, current: unknown, leftOut: LeftOut): unknown {
  if (!isRecord(edited) || !isRecord(current)) {
    throw new FormatError({ code: 'invalid', layer: 'model', message: 'The module must stay a JSON object.', path: '' });
  }
  if (Object.prototype.hasOwnProperty.call(edited, leftOut.key)) {
    throw new FormatError({
      code: 'invalid',
      layer: 'model',
      path: `/${leftOut.key}`,
      message: `"${leftOut.key}" is left out of this view (${leftOut.count.toLocaleString('en-US')} demos); edit demos in the demo list.`,
    });
  }
  const keys = Object.keys(edited);
  keys.splice(Math.min(leftOut.index, keys.length), 0, leftOut.key);
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = k === leftOut.key ? current[k] : edited[k];
    Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
