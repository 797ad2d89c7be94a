/**
 * A pickle's inert values as a JSON-friendly value tree, the shape the rest of the app (program
 * model, tree view, JSON export) reads. Dicts with string keys become objects exactly as
 * JSON.parse makes them (a `__proto__` key is an own data property); anything else is tagged.
 *
 * Shared references are expanded like json.dumps does, so a budget of bytes stops memo-reuse bombs:
 * every value written is counted at about what it costs (a container 32 bytes, a string its
 * length, each time it is referenced), against limits.maxOutputBytes, before the next one is
 * made. A node count and a depth cap stay as a second line.
 */
import { FormatError, formatCount } from '../errors.ts';
import { DEFAULT_LIMITS, type Limits } from '../limits.ts';
import { formatPointer } from '../json-pointer.ts';
import { isStorage } from './known.ts';
import {
  PyBuffer,
  PyByteArray,
  PyDict,
  PyGlobal,
  PyObject,
  PyPersistent,
  PySet,
  PyTuple,
  isKnown,
  type PyKnown,
  type PyValue,
  type TorchTensorValue,
} from './values.ts';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface ToValueOptions {
  limits?: Limits;
  /** Most nodes written; defaults to limits.maxKeys. */
  maxNodes?: number;
  /** Byte strings longer than this are summarised (length and a head), not inlined. */
  maxInlineBytes?: number;
}

/** Set a key the way JSON.parse does: `__proto__` becomes an own data property. */
export function setKey(obj: { [key: string]: JsonValue }, key: string, value: JsonValue): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return btoa(s);
}

export function tensorSummary(t: TorchTensorValue): { [key: string]: JsonValue } {
  const s = t.storage;
  const out: { [key: string]: JsonValue } = {
    dtype: isStorage(s) ? s.dtype : 'unknown',
    shape: t.shape,
    stride: t.stride,
    storageOffset: t.storageOffset,
  };
  if (isStorage(s)) {
    out.device = s.location;
    out.storageKey = s.key;
  }
  if (t.parameter) out.parameter = true;
  if (t.requiresGrad) out.requiresGrad = true;
  return out;
}

/** What one container costs the budget besides its items: a JS object or array header. */
const CONTAINER_COST = 32;
/** A number, boolean or null in its slot. */
const SCALAR_COST = 8;

export function pickleToValue(root: PyValue, options: ToValueOptions = {}): JsonValue {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const maxNodes = options.maxNodes ?? limits.maxKeys;
  const maxInline = options.maxInlineBytes ?? 4096;
  const budget = limits.maxOutputBytes;
  const ancestors = new Set<object>();
  /** A big integer referenced many times is turned into digits once (toString is quadratic). */
  const digits = new Map<bigint, string>();
  let nodes = 0;
  let spent = 0;

  const spend = (n: number): void => {
    spent += n;
    if (spent > budget) {
      throw new FormatError({
        code: 'limit',
        layer: 'pickle',
        path: formatPointer(trail),
        message: `Expanding the pickle's shared references gives more than ${formatCount(budget)} bytes of values, passed at ${formatPointer(trail) || '(root)'} (a memo-reuse bomb?)`,
      });
    }
  };

  const intText = (v: bigint): string => {
    let text = digits.get(v);
    if (text === undefined) {
      text = v.toString();
      digits.set(v, text);
    }
    return text;
  };

  const bytes = (tag: string, b: Uint8Array): JsonValue => {
    if (b.length <= maxInline) {
      spend(Math.ceil(b.length / 3) * 4);
      return { [tag]: base64(b) };
    }
    return { [tag]: null, length: b.length, head: base64(b.subarray(0, 64)) };
  };

  const known = (k: PyKnown, depth: number): JsonValue => {
    switch (k.type) {
      case 'complex':
        return { $complex: [num(k.real), num(k.imag)] };
      case 'decimal':
        return { $decimal: k.text };
      case 'datetime':
        return { $datetime: k.iso };
      case 'date':
        return { $date: k.iso };
      case 'time':
        return { $time: k.iso };
      case 'timedelta':
        return { $timedelta: [k.days, k.seconds, k.microseconds] };
      case 'dspy-example':
        return walk(k.store, depth);
      case 'torch-tensor':
        return { $tensor: tensorSummary(k) };
      case 'torch-storage':
        return { $storage: { dtype: k.dtype, key: k.key, location: k.location, numel: k.numel } };
      case 'ndarray':
        return {
          $ndarray: {
            dtype: k.dtype,
            shape: k.shape,
            ...(k.data instanceof Uint8Array ? { bytes: k.data.length } : { items: walk(k.data, depth) }),
          },
        };
      case 'numpy-dtype':
        return { $dtype: k.str };
      case 'torch-size':
        return k.dims.map((d) => walk(d, depth));
      case 'torch-device':
        return { $device: k.name };
    }
  };

  const num = (n: number): JsonValue => (Number.isFinite(n) ? n : { $float: Number.isNaN(n) ? 'nan' : n > 0 ? 'inf' : '-inf' });

  /** Where the walk is, so a limit names the place it was passed. */
  const trail: (string | number)[] = [];
  const walk = (v: PyValue, depth: number, segment?: string | number): JsonValue => {
    if (segment === undefined) return walkValue(v, depth);
    // No finally: a throw leaves the trail at the failing value, which is all it is read for.
    trail.push(segment);
    const out = walkValue(v, depth);
    trail.pop();
    return out;
  };

  const walkValue = (v: PyValue, depth: number): JsonValue => {
    if (++nodes > maxNodes) {
      throw new FormatError({
        code: 'limit',
        layer: 'pickle',
        path: formatPointer(trail),
        message: `Expanding the pickle's shared references gives more than ${formatCount(maxNodes)} values (a memo-reuse bomb?)`,
      });
    }
    if (depth > limits.maxDepth) {
      throw new FormatError({ code: 'limit', layer: 'pickle', path: formatPointer(trail), message: `The pickle nests deeper than ${limits.maxDepth} levels` });
    }
    if (typeof v === 'string') {
      spend(SCALAR_COST + v.length);
      return v;
    }
    if (typeof v === 'bigint') {
      const text = intText(v);
      spend(CONTAINER_COST + text.length);
      return { $int: text };
    }
    spend(v !== null && typeof v === 'object' ? CONTAINER_COST : SCALAR_COST);
    if (v === null || typeof v === 'boolean') return v;
    if (typeof v === 'number') return num(v);
    if (v instanceof Uint8Array) return bytes('$bytes', v);
    if (v instanceof PyByteArray) return bytes('$bytearray', v.bytes);
    if (v instanceof PyGlobal) return { $global: v.qualified };
    if (v instanceof PyBuffer) return { $buffer: v.index, readonly: v.readonly };
    if (v instanceof PyPersistent) return { $persistent: walk(v.pid, depth + 1) };
    if (ancestors.has(v)) return { $cycle: true };
    ancestors.add(v);
    try {
      const d = depth + 1;
      if (Array.isArray(v)) return v.map((x, i) => walk(x, d, i));
      if (v instanceof PyTuple) return v.items.map((x, i) => walk(x, d, i));
      if (v instanceof PySet) return { [v.frozen ? '$frozenset' : '$set']: v.items.map((x, i) => walk(x, d, i)) };
      if (v instanceof PyDict) {
        if (v.entries.every(([k]) => typeof k === 'string')) {
          const o: { [key: string]: JsonValue } = {};
          for (const [k, x] of v.entries) setKey(o, k as string, walk(x, d, k as string));
          return o;
        }
        return { $dict: v.entries.map(([k, x], i) => [walk(k, d, i), walk(x, d, i)]) };
      }
      if (v instanceof PyObject) {
        if (v.known) return known(v.known, d);
        const cls = v.className ?? '?';
        const out: { [key: string]: JsonValue } = {};
        const isReconstruct = v.callable instanceof PyGlobal && v.callable.module === 'copyreg';
        if (v.kind === 'new' || isReconstruct) out.$object = cls;
        else out.$call = v.callable instanceof PyGlobal ? cls : walk(v.callable, d);
        const args = isReconstruct ? [] : v.args;
        if (args.length) out.args = args.map((x) => walk(x, d));
        if (v.kwargs && v.kwargs.size) out.kwargs = walk(v.kwargs, d);
        if (v.state !== undefined) out.state = walk(v.state, d, 'state');
        if (v.listItems) out.items = v.listItems.map((x, i) => walk(x, d, i));
        if (v.dictItems) out.dictItems = v.dictItems.map(([k, x]) => [walk(k, d), walk(x, d)]);
        return out;
      }
      if (isKnown(v)) return known(v, d);
      return null;
    } finally {
      ancestors.delete(v);
    }
  };

  return walk(root, 0);
}
