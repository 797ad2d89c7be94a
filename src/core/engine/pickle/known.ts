/**
 * The small registry of harmless constructors the reader turns into real data: a pure function of
 * the arguments written in the pickle, never a call into anything the pickle names.
 * Everything not listed here stays a PyObject record.
 */
import {
  PyDict,
  PyByteArray,
  PyGlobal,
  PyObject,
  PySet,
  PyTuple,
  isKnown,
  type PyKnown,
  type PyValue,
  type TorchStorageRef,
  type TorchTensorValue,
} from './values.ts';

/** Python 2 module names as Python 3's unpickler renames them (fix_imports). */
const MODULE_RENAMES: Record<string, string> = {
  __builtin__: 'builtins',
  copy_reg: 'copyreg',
  exceptions: 'builtins',
  cPickle: 'pickle',
  Queue: 'queue',
  _winreg: 'winreg',
  thread: '_thread',
  UserDict: 'collections',
  'numpy.core.multiarray': 'numpy.core.multiarray',
};

export function normaliseModule(module: string): string {
  return Object.hasOwn(MODULE_RENAMES, module) ? (MODULE_RENAMES[module] as string) : module;
}

function items(v: PyValue | undefined): PyValue[] | undefined {
  if (Array.isArray(v)) return v;
  if (v instanceof PyTuple || v instanceof PySet) return v.items;
  return undefined;
}

function latin1Bytes(s: string): Uint8Array | undefined {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) return undefined;
    out[i] = c;
  }
  return out;
}

function encode(s: string, encoding: PyValue | undefined): Uint8Array | undefined {
  const e = typeof encoding === 'string' ? encoding.toLowerCase().replace('_', '-') : 'utf-8';
  if (e === 'latin1' || e === 'latin-1' || e === 'iso-8859-1') return latin1Bytes(s);
  if (e === 'utf-8' || e === 'utf8') return new TextEncoder().encode(s);
  return undefined;
}

function bytesOf(args: PyValue[]): Uint8Array | undefined {
  const a = args[0];
  if (args.length === 0) return new Uint8Array(0);
  if (a instanceof Uint8Array) return a.slice();
  if (a instanceof PyByteArray) return a.bytes.slice();
  if (typeof a === 'string') return encode(a, args[1]);
  const list = items(a);
  if (list && list.every((x) => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x < 256)) {
    return Uint8Array.from(list as number[]);
  }
  return undefined;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

function payload(v: PyValue | undefined): Uint8Array | undefined {
  if (v instanceof Uint8Array) return v;
  if (typeof v === 'string') return latin1Bytes(v); // datetime pickled at protocol < 3 from Python 2
  return undefined;
}

function timeText(h: number, m: number, s: number, us: number): string {
  return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}${us ? '.' + pad(us, 6) : ''}`;
}

function datetimeKnown(name: string, args: PyValue[]): PyKnown | undefined {
  if (name === 'timedelta') {
    const [d, s, us] = args;
    if ([d, s, us].every((x) => x === undefined || typeof x === 'number')) {
      return { type: 'timedelta', days: (d as number) ?? 0, seconds: (s as number) ?? 0, microseconds: (us as number) ?? 0 };
    }
    return undefined;
  }
  // Only naive values: an aware one keeps its tzinfo record, which we do not interpret.
  if (args.length !== 1) return undefined;
  const b = payload(args[0]);
  if (!b) return undefined;
  const us3 = (i: number) => ((b[i] ?? 0) << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
  if (name === 'date' && b.length === 4) {
    return { type: 'date', iso: `${pad(((b[0] ?? 0) << 8) | (b[1] ?? 0), 4)}-${pad(b[2] ?? 0, 2)}-${pad(b[3] ?? 0, 2)}` };
  }
  if (name === 'datetime' && b.length === 10) {
    const date = `${pad(((b[0] ?? 0) << 8) | (b[1] ?? 0), 4)}-${pad((b[2] ?? 0) & 0x7f, 2)}-${pad(b[3] ?? 0, 2)}`;
    return { type: 'datetime', iso: `${date}T${timeText(b[4] ?? 0, b[5] ?? 0, b[6] ?? 0, us3(7))}` };
  }
  if (name === 'time' && b.length === 6) {
    return { type: 'time', iso: timeText((b[0] ?? 0) & 0x7f, b[1] ?? 0, b[2] ?? 0, us3(3)) };
  }
  return undefined;
}

function intList(v: PyValue | undefined): number[] | undefined {
  const list = items(v);
  if (!list || !list.every((x) => typeof x === 'number' && Number.isInteger(x))) return undefined;
  return list as number[];
}

function tensor(name: string, args: PyValue[]): TorchTensorValue | undefined {
  const [storage, offset, size, stride, requiresGrad] = args;
  const shape = intList(size);
  const strides = intList(stride);
  if (typeof offset !== 'number' || !shape || !strides || shape.length !== strides.length) return undefined;
  return {
    type: 'torch-tensor',
    storage: storage ?? null,
    storageOffset: offset,
    shape,
    stride: strides,
    requiresGrad: requiresGrad === true,
    parameter: false,
    rebuild: name,
  };
}

export function isTensor(v: unknown): v is TorchTensorValue {
  return isKnown(v) && v.type === 'torch-tensor';
}

export function isStorage(v: unknown): v is TorchStorageRef {
  return isKnown(v) && v.type === 'torch-storage';
}

/** REDUCE / NEWOBJ of a known callable: the data value, or undefined to keep the record. */
export function reduceKnown(callable: PyValue, args: PyValue[]): PyValue | undefined {
  if (!(callable instanceof PyGlobal)) return undefined;
  const module = normaliseModule(callable.module);
  const name = callable.name;
  const q = `${module}.${name}`;
  switch (q) {
    case 'collections.OrderedDict': {
      const d = new PyDict();
      d.className = q;
      const pairs = items(args[0]);
      for (const p of pairs ?? []) {
        const kv = items(p);
        if (kv && kv.length === 2) d.set(kv[0] as PyValue, kv[1] as PyValue);
      }
      return d;
    }
    case 'builtins.set':
    case 'builtins.frozenset':
      return new PySet([...(items(args[0]) ?? [])], name === 'frozenset');
    case 'builtins.bytearray': {
      const b = bytesOf(args);
      return b ? new PyByteArray(b) : undefined;
    }
    case 'builtins.bytes':
      return bytesOf(args);
    case '_codecs.encode':
      return typeof args[0] === 'string' ? encode(args[0], args[1]) : undefined;
    case 'builtins.complex': {
      const [re, im] = args;
      if ((re === undefined || typeof re === 'number') && (im === undefined || typeof im === 'number')) {
        return { type: 'complex', real: re ?? 0, imag: im ?? 0 };
      }
      return undefined;
    }
    case 'decimal.Decimal':
      return typeof args[0] === 'string' ? { type: 'decimal', text: args[0] } : undefined;
    case 'datetime.datetime':
    case 'datetime.date':
    case 'datetime.time':
    case 'datetime.timedelta':
      return datetimeKnown(name, args);
    case 'torch._utils._rebuild_tensor':
    case 'torch._utils._rebuild_tensor_v2':
    case 'torch._utils._rebuild_tensor_v3':
      return tensor(q, args);
    case 'torch._utils._rebuild_parameter':
    case 'torch._utils._rebuild_parameter_with_state': {
      const t = args[0];
      if (!isTensor(t)) return undefined;
      return { ...t, parameter: true, requiresGrad: args[1] === true };
    }
    case 'torch.Size': {
      const dims = items(args[0]);
      return dims ? new PyTuple([...dims]) : undefined;
    }
    case 'torch.device': {
      const [type, index] = args;
      if (typeof type !== 'string') return undefined;
      return { type: 'torch-device', name: typeof index === 'number' ? `${type}:${index}` : type };
    }
    default:
      return undefined;
  }
}

const RECONSTRUCT = new Set(['numpy.core.multiarray._reconstruct', 'numpy._core.multiarray._reconstruct']);

/** BUILD on a record of a known class: sets `obj.known` in place (the memo may hold `obj`). */
export function buildKnown(obj: PyObject): void {
  const cls = obj.className;
  const state = obj.state;
  if (cls === 'dspy.primitives.example.Example' && state instanceof PyDict && state.has('_store')) {
    obj.known = { type: 'dspy-example', store: state.get('_store') ?? null, object: obj };
    return;
  }
  if (cls === 'numpy.dtype' && state instanceof PyTuple) {
    const base = obj.args[0];
    const order = state.items[1];
    if (typeof base === 'string') {
      const str = typeof order === 'string' && order !== '|' && !/^[<>=|]/.test(base) ? order + base : base;
      obj.known = { type: 'numpy-dtype', str };
    }
    return;
  }
  if (cls !== undefined && RECONSTRUCT.has(cls) && state instanceof PyTuple) {
    // (version, shape, dtype, is_fortran, rawdata); version is absent in very old numpy.
    const s = state.items.length === 5 ? state.items.slice(1) : state.items;
    const [shape, dtype, fortran, raw] = s;
    const dims = intList(shape);
    if (!dims) return;
    let dtypeText = 'object';
    if (dtype instanceof PyObject && dtype.known?.type === 'numpy-dtype') dtypeText = dtype.known.str;
    const data = raw instanceof Uint8Array ? raw : typeof raw === 'string' ? (latin1Bytes(raw) ?? raw) : (raw ?? null);
    obj.known = { type: 'ndarray', dtype: dtypeText, shape: dims, fortranOrder: fortran === true, data };
  }
}
