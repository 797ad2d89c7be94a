/**
 * The inert values a pickle is read into. Nothing here can run code: a class or function named by
 * the pickle is only a `PyGlobal` record, and a call the pickle asks for is only a `PyObject`
 * record of what would have been called with what.
 *
 * Python containers are classes (not plain objects) so that keys chosen by the pickle, such as
 * `__proto__`, are only ever data.
 */

export type PyValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | PyValue[]
  | PyTuple
  | PyDict
  | PySet
  | PyByteArray
  | PyGlobal
  | PyObject
  | PyPersistent
  | PyBuffer
  | PyKnown;

export class PyTuple {
  constructor(readonly items: PyValue[]) {}
}

/** A hashable key in a form JS can compare: Python's 1, 1.0 and True are one key. */
function keyOf(k: PyValue): string | PyValue {
  if (typeof k === 'string') return 's' + k;
  if (typeof k === 'boolean') return 'n' + (k ? 1 : 0);
  if (typeof k === 'number') return 'n' + k;
  if (typeof k === 'bigint') return 'n' + k.toString();
  if (k === null) return 'N';
  if (k instanceof Uint8Array) return 'b' + Array.from(k).join(',');
  if (k instanceof PyTuple) {
    const parts: string[] = [];
    for (const item of k.items) {
      const p = keyOf(item);
      if (typeof p !== 'string') return k;
      parts.push(p.length + ':' + p);
    }
    return 't' + parts.join('');
  }
  return k; // by identity, like an object with the default __hash__
}

/** A Python dict: ordered, any key type, insertion order kept; a repeated key replaces its value. */
export class PyDict {
  readonly entries: Array<[PyValue, PyValue]> = [];
  private readonly index = new Map<unknown, number>();
  /** 'collections.OrderedDict' and the like, when the dict came from a known subclass. */
  className?: string;
  /** Attributes set by BUILD (a state_dict's `_metadata`). */
  attributes?: PyValue;

  set(key: PyValue, value: PyValue): void {
    const k = keyOf(key);
    const at = this.index.get(k);
    if (at !== undefined) {
      const entry = this.entries[at];
      if (entry) entry[1] = value;
      return;
    }
    this.index.set(k, this.entries.length);
    this.entries.push([key, value]);
  }

  get(key: PyValue): PyValue | undefined {
    const at = this.index.get(keyOf(key));
    return at === undefined ? undefined : this.entries[at]?.[1];
  }

  has(key: PyValue): boolean {
    return this.index.has(keyOf(key));
  }

  get size(): number {
    return this.entries.length;
  }
}

export class PySet {
  constructor(
    readonly items: PyValue[],
    readonly frozen: boolean,
  ) {}
}

export class PyByteArray {
  constructor(readonly bytes: Uint8Array) {}
}

/** A class or function the pickle names. `module` and `name` are as written (after Python 2 renames). */
export class PyGlobal {
  constructor(
    readonly module: string,
    readonly name: string,
  ) {}
  get qualified(): string {
    return `${this.module}.${this.name}`;
  }
}

/**
 * What loading would create by calling something: REDUCE/INST/OBJ ('call'), NEWOBJ/NEWOBJ_EX
 * ('new'); BUILD adds `state`, APPEND(S)/SETITEM(S) on it add `listItems`/`dictItems`.
 */
export class PyObject {
  state?: PyValue;
  listItems?: PyValue[];
  dictItems?: Array<[PyValue, PyValue]>;
  /** Set by the registry when a known class's BUILD makes this a plain data value. */
  known?: PyKnown;
  constructor(
    readonly kind: 'call' | 'new',
    readonly callable: PyValue,
    readonly args: PyValue[],
    readonly kwargs: PyDict | null,
    /** Byte offset of the opcode that made it. */
    readonly offset: number,
  ) {}

  /** "module.Class" of what the object is, when the callable is a class record. */
  get className(): string | undefined {
    const c = this.callable;
    if (c instanceof PyGlobal) {
      // copyreg._reconstructor(cls, base, state) and copyreg.__newobj__(cls, ...) make a `cls`.
      if (c.module === 'copyreg' && (c.name === '_reconstructor' || c.name === '__newobj__')) {
        const cls = this.args[0];
        if (cls instanceof PyGlobal) return cls.qualified;
      }
      return c.qualified;
    }
    return undefined;
  }
}

/** A PERSID/BINPERSID reference the caller's persistent_load did not resolve. */
export class PyPersistent {
  constructor(readonly pid: PyValue) {}
}

/** A protocol 5 out-of-band buffer (NEXT_BUFFER), never present in the stream itself. */
export class PyBuffer {
  readonly: boolean = false;
  constructor(readonly index: number) {}
}

export type DtypeName =
  | 'float16'
  | 'bfloat16'
  | 'float32'
  | 'float64'
  | 'complex64'
  | 'complex128'
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'uint64'
  | 'bool';

/** A torch storage named by a persistent id: where its bytes are, never the bytes. */
export interface TorchStorageRef {
  type: 'torch-storage';
  key: string;
  /** Class named by the pickle, e.g. 'torch.FloatStorage'. */
  storageClass: string;
  dtype: DtypeName | 'unknown';
  /** Device as saved: 'cpu', 'cuda:0'. */
  location: string;
  numel: number;
}

export interface TorchTensorValue {
  type: 'torch-tensor';
  storage: TorchStorageRef | PyValue;
  storageOffset: number;
  shape: number[];
  stride: number[];
  requiresGrad: boolean;
  parameter: boolean;
  /** The rebuild function named by the pickle. */
  rebuild: string;
}

export interface NdArrayValue {
  type: 'ndarray';
  dtype: string;
  shape: number[];
  fortranOrder: boolean;
  /** Raw bytes, or a list of objects for object arrays. */
  data: Uint8Array | PyValue;
}

export interface NumpyDtypeValue {
  type: 'numpy-dtype';
  /** 'f8', '<f4', ... with the byte order from BUILD state when given. */
  str: string;
}

/** Values the registry recognised; all are data. */
export type PyKnown =
  | { type: 'complex'; real: number; imag: number }
  | { type: 'decimal'; text: string }
  | { type: 'datetime' | 'date' | 'time'; iso: string }
  | { type: 'timedelta'; days: number; seconds: number; microseconds: number }
  | { type: 'dspy-example'; store: PyValue; object: PyObject }
  | TorchStorageRef
  | TorchTensorValue
  | NdArrayValue
  | NumpyDtypeValue
  | { type: 'torch-size'; dims: PyValue[] }
  | { type: 'torch-device'; name: string };

export function isKnown(v: unknown): v is PyKnown {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof Uint8Array) &&
    Object.getPrototypeOf(v) === Object.prototype &&
    typeof (v as { type?: unknown }).type === 'string'
  );
}
