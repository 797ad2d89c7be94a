/**
 * A pickle's inert values as a JSON-friendly value tree, the shape the rest of the app (program
 * model, tree view, JSON export) reads. Dicts with string keys become objects exactly as
 * JSON.parse makes them (a `__proto__` key is an own data property); anything else is tagged.
 *
 * Shared references are expanded like json.dumps does, so a node budget stops memo-reuse bombs,
 * and a depth cap stops stack exhaustion on deeply nested input.
 */
import { FormatError, formatCount } from '../errors.ts';
import { DEFAULT_LIMITS, type Limits } from '../limits.ts';
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

export function pickleToValue(root: PyValue, options: ToValueOptions = {}): JsonValue {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const maxNodes = options.maxNodes ?? limits.maxKeys;
  const maxInline = options.maxInlineBytes ?? 4096;
  const ancestors = new Set<object>();
  let nodes = 0;

  const bytes = (tag: string, b: Uint8Array): JsonValue =>
    b.length <= maxInline
      ? { [tag]: base64(b) }
      : { [tag]: null, length: b.length, head: base64(b.subarray(0, 64)) };

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

  const num = (n: number): JsonValue =>
    Number.isFinite(n) ? n : { $float: Number.isNaN(n) ? 'nan' : n > 0 ? 'inf' : '-inf' };

  const walk = (v: PyValue, depth: number): JsonValue => {
    if (++nodes > maxNodes) {
      throw new FormatError({
        code: 'limit',
        layer: 'pickle',
        message: `Expanding the pickle's shared references gives more than ${formatCount(maxNodes)} values (a memo-reuse bomb?)`,
      });
    }
    if (depth > limits.maxDepth) {
      throw new FormatError({ code: 'limit', layer: 'pickle', message: `The pickle nests deeper than ${limits.maxDepth} levels` });
    }
    if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
    if (typeof v === 'number') return num(v);
    if (typeof v === 'bigint') return { $int: v.toString() };
    if (v instanceof Uint8Array) return bytes('$bytes', v);
    if (v instanceof PyByteArray) return bytes('$bytearray', v.bytes);
    if (v instanceof PyGlobal) return { $global: v.qualified };
    if (v instanceof PyBuffer) return { $buffer: v.index, readonly: v.readonly };
    if (v instanceof PyPersistent) return { $persistent: walk(v.pid, depth + 1) };
    if (ancestors.has(v)) return { $cycle: true };
    ancestors.add(v);
    try {
      const d = depth + 1;
      if (Array.isArray(v)) return v.map((x) => walk(x, d));
      if (v instanceof PyTuple) return v.items.map((x) => walk(x, d));
      if (v instanceof PySet) return { [v.frozen ? '$frozenset' : '$set']: v.items.map((x) => walk(x, d)) };
      if (v instanceof PyDict) {
        if (v.entries.every(([k]) => typeof k === 'string')) {
          const o: { [key: string]: JsonValue } = {};
          for (const [k, x] of v.entries) setKey(o, k as string, walk(x, d));
          return o;
        }
        return { $dict: v.entries.map(([k, x]) => [walk(k, d), walk(x, d)]) };
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
        if (v.state !== undefined) out.state = walk(v.state, d);
        if (v.listItems) out.items = v.listItems.map((x) => walk(x, d));
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
