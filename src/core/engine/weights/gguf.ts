/**
 * GGUF (versions 2 and 3), header first: magic, version, tensor count, key/value count, the typed
 * key/values, the tensor infos, padding to `general.alignment`, then the tensor data. Everything
 * before the data is read sequentially through a small buffered cursor, so a many-GB file costs a
 * few reads. Every count and length is checked against what is left of the file before anything
 * is allocated. Writing (a metadata edit) makes a new header and keeps the data by range.
 */
import { FormatError, formatCount } from '../errors.ts';
import type { ByteSource } from '../byte-source.ts';
import { GGML_TYPES, ggmlTensorBytes } from './ggml-types.ts';
import type { SplicePlan } from './splice-plan.ts';

const LAYER = 'gguf';
/** Arrays longer than this are summarised (first items and a count), not held whole. */
const ARRAY_KEEP = 64;
const MAX_STRING = 64 * 1024 * 1024;

export const GGUF_TYPE = { u8: 0, i8: 1, u16: 2, i16: 3, u32: 4, i32: 5, f32: 6, bool: 7, string: 8, array: 9, u64: 10, i64: 11, f64: 12 } as const;
export type GgufScalarType = Exclude<keyof typeof GGUF_TYPE, 'array'>;
const TYPE_NAMES = Object.fromEntries(Object.entries(GGUF_TYPE).map(([k, v]) => [v, k])) as Record<number, keyof typeof GGUF_TYPE>;
const WIDTH: Record<GgufScalarType, number> = { u8: 1, i8: 1, u16: 2, i16: 2, u32: 4, i32: 4, f32: 4, bool: 1, string: 8, u64: 8, i64: 8, f64: 8 };

export type GgufScalar = number | bigint | boolean | string;

export type GgufValue =
  { type: GgufScalarType; value: GgufScalar } | { type: 'array'; itemType: GgufScalarType | 'array'; length: number; items: GgufScalar[]; truncated: boolean };

export interface GgufEntry {
  key: string;
  value: GgufValue;
  /** Where this key/value starts and ends in the file: an edit copies untouched entries byte for byte. */
  start: number;
  end: number;
}

export interface GgufTensor {
  name: string;
  shape: number[];
  type: string;
  typeId: number;
  /** Absolute offset of the tensor's data. */
  offset: number;
  /** Undefined for a type whose block size is not known here. */
  bytes: number | undefined;
  params: number;
}

export interface GgufHeader {
  format: 'gguf';
  version: number;
  littleEndian: boolean;
  alignment: number;
  metadata: GgufEntry[];
  tensors: GgufTensor[];
  /** [start, end) of the tensor infos, copied as they are by an edit. */
  tensorInfos: { start: number; end: number };
  dataStart: number;
  fileSize: number;
}

function fail(code: 'corrupt' | 'truncated' | 'limit' | 'unsupported' | 'invalid', message: string, offset?: number): FormatError {
  return new FormatError({ code, layer: LAYER, message, ...(offset === undefined ? {} : { offset }) });
}

export function looksLikeGguf(head: Uint8Array): boolean {
  return head[0] === 0x47 && head[1] === 0x47 && head[2] === 0x55 && head[3] === 0x46;
}

/** Sequential little- or big-endian reads over a ByteSource, a buffer at a time. */
class Cursor {
  private buf: Uint8Array = new Uint8Array(0);
  private bufStart = 0;
  pos: number;
  constructor(
    private readonly source: ByteSource,
    start: number,
    readonly little: boolean,
  ) {
    this.pos = start;
  }
  get left(): number {
    return this.source.size - this.pos;
  }
  bytes(n: number, what: string): Uint8Array {
    if (n > this.left)
      throw fail(
        'truncated',
        `The file ends inside ${what}: ${formatCount(n)} bytes needed at byte ${formatCount(this.pos)}, ${formatCount(this.left)} left`,
        this.pos,
      );
    const rel = this.pos - this.bufStart;
    if (rel < 0 || rel + n > this.buf.length) {
      this.buf = this.source.read(this.pos, Math.max(n, 65_536));
      this.bufStart = this.pos;
    }
    const out = this.buf.subarray(this.pos - this.bufStart, this.pos - this.bufStart + n);
    this.pos += n;
    return out;
  }
  private view(n: number, what: string): DataView {
    const b = this.bytes(n, what);
    return new DataView(b.buffer, b.byteOffset, n);
  }
  u32(what: string): number {
    return this.view(4, what).getUint32(0, this.little);
  }
  u64(what: string): number {
    const v = this.view(8, what).getBigUint64(0, this.little);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw fail('limit', `${what} is ${v}, more than can be counted`, this.pos - 8);
    return Number(v);
  }
  string(what: string): string {
    const at = this.pos;
    const n = this.u64(`the length of ${what}`);
    if (n > MAX_STRING) throw fail('limit', `${what} declares ${formatCount(n)} bytes; strings are read up to ${formatCount(MAX_STRING)}`, at);
    return new TextDecoder().decode(this.bytes(n, what));
  }
  scalar(type: GgufScalarType, what: string): GgufScalar {
    if (type === 'string') return this.string(what);
    const dv = this.view(WIDTH[type], what);
    switch (type) {
      case 'u8':
        return dv.getUint8(0);
      case 'i8':
        return dv.getInt8(0);
      case 'u16':
        return dv.getUint16(0, this.little);
      case 'i16':
        return dv.getInt16(0, this.little);
      case 'u32':
        return dv.getUint32(0, this.little);
      case 'i32':
        return dv.getInt32(0, this.little);
      case 'f32':
        return dv.getFloat32(0, this.little);
      case 'f64':
        return dv.getFloat64(0, this.little);
      case 'bool':
        return dv.getUint8(0) !== 0;
      case 'u64':
        return narrow(dv.getBigUint64(0, this.little));
      case 'i64':
        return narrow(dv.getBigInt64(0, this.little));
    }
  }
  skip(n: number, what: string): void {
    if (n > this.left) throw fail('truncated', `The file ends inside ${what}`, this.pos);
    this.pos += n;
  }
}

function narrow(v: bigint): number | bigint {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

function typeOf(id: number, at: number): keyof typeof GGUF_TYPE {
  const name = TYPE_NAMES[id];
  if (name === undefined) throw fail('corrupt', `Unknown value type ${id}`, at);
  return name;
}

function readValue(c: Cursor, type: keyof typeof GGUF_TYPE, key: string, depth = 0): GgufValue {
  if (type !== 'array') return { type, value: c.scalar(type, `the value of ${key}`) };
  if (depth > 2) throw fail('limit', `${key} nests arrays too deeply`, c.pos);
  const itemAt = c.pos;
  const itemType = typeOf(c.u32(`the item type of ${key}`), itemAt);
  const lengthAt = c.pos;
  const length = c.u64(`the length of ${key}`);
  // Each item takes at least one byte (eight for a string or a nested array): a count the file
  // cannot hold is refused before any item is read.
  const least = itemType === 'string' || itemType === 'array' ? 8 : WIDTH[itemType];
  if (length * least > c.left)
    throw fail('truncated', `${key} declares ${formatCount(length)} items, more than the ${formatCount(c.left)} bytes left can hold`, lengthAt);
  const items: GgufScalar[] = [];
  for (let i = 0; i < length; i++) {
    if (itemType === 'array') {
      readValue(c, 'array', `${key}[${i}]`, depth + 1);
      continue;
    }
    if (itemType !== 'string' && i >= ARRAY_KEEP) {
      c.skip((length - i) * WIDTH[itemType], key);
      break;
    }
    const v = c.scalar(itemType, `${key}[${i}]`);
    if (i < ARRAY_KEEP) items.push(v);
  }
  return { type: 'array', itemType, length, items, truncated: length > items.length };
}

export function readGgufHeader(source: ByteSource): GgufHeader {
  const head = source.read(0, 8);
  if (!looksLikeGguf(head)) throw fail('corrupt', 'Not a GGUF file: it does not start with "GGUF"', 0);
  if (head.length < 8) throw fail('truncated', 'The file ends inside the version', 4);
  const dv = new DataView(head.buffer, head.byteOffset, 8);
  // A big-endian file has its version byte-swapped; versions are small numbers.
  const little = dv.getUint32(4, true) < 0x10000;
  const version = dv.getUint32(4, little);
  if (version !== 2 && version !== 3) throw fail('unsupported', `GGUF version ${version} is not read here (2 and 3 are)`, 4);
  const c = new Cursor(source, 8, little);
  const tensorCount = c.u64('the tensor count');
  const kvCount = c.u64('the key/value count');
  // A key/value takes at least 8 + 4 + 1 bytes, a tensor info at least 8 + 4 + 4 + 8.
  if (kvCount * 13 > c.left) throw fail('truncated', `The header declares ${formatCount(kvCount)} key/values, more than the file can hold`, 16);
  if (tensorCount * 24 > c.left) throw fail('truncated', `The header declares ${formatCount(tensorCount)} tensors, more than the file can hold`, 8);
  const metadata: GgufEntry[] = [];
  for (let i = 0; i < kvCount; i++) {
    const start = c.pos;
    const key = c.string(`key ${i}`);
    const typeAt = c.pos;
    const value = readValue(c, typeOf(c.u32(`the type of ${key}`), typeAt), key);
    metadata.push({ key, value, start, end: c.pos });
  }
  const alignEntry = metadata.find((e) => e.key === 'general.alignment');
  const alignment = alignEntry && alignEntry.value.type !== 'array' ? Number(alignEntry.value.value) : 32;
  if (!Number.isSafeInteger(alignment) || alignment <= 0 || alignment % 8 !== 0)
    throw fail('corrupt', `general.alignment is ${alignment}; it must be a positive multiple of 8`, alignEntry?.start);
  const infoStart = c.pos;
  const raw: Array<Omit<GgufTensor, 'offset'> & { relative: number; at: number }> = [];
  for (let i = 0; i < tensorCount; i++) {
    const at = c.pos;
    const name = c.string(`the name of tensor ${i}`);
    const dims = c.u32(`the dimension count of ${name}`);
    if (dims > 8) throw fail('corrupt', `Tensor ${name} declares ${dims} dimensions (GGUF allows at most 4)`, at);
    const shape: number[] = [];
    let params = 1;
    for (let d = 0; d < dims; d++) {
      const n = c.u64(`a dimension of ${name}`);
      shape.push(n);
      params *= n;
      if (!Number.isSafeInteger(params)) throw fail('limit', `Tensor ${name} has more elements than can be counted`, at);
    }
    const typeId = c.u32(`the type of ${name}`);
    const relative = c.u64(`the offset of ${name}`);
    const type = GGML_TYPES[typeId]?.name ?? `type ${typeId}`;
    raw.push({ name, shape, typeId, type, params, bytes: ggmlTensorBytes(typeId, params), relative, at });
  }
  const tensorInfos = { start: infoStart, end: c.pos };
  const dataStart = Math.ceil(c.pos / alignment) * alignment;
  const tensors = raw.map(({ relative, at, ...t }) => {
    if (relative % alignment !== 0) throw fail('corrupt', `Tensor ${t.name}'s offset ${relative} is not a multiple of the alignment ${alignment}`, at);
    const offset = dataStart + relative;
    if (offset + (t.bytes ?? 0) > source.size)
      throw fail('truncated', `Tensor ${t.name} ends past the end of the file (at byte ${formatCount(offset + (t.bytes ?? 0))})`, at);
    return { ...t, offset };
  });
  return { format: 'gguf', version, littleEndian: little, alignment, metadata, tensors, tensorInfos, dataStart, fileSize: source.size };
}

/** A metadata change: set a key to a scalar (its type kept when it exists, else the given one), or remove it. */
export type GgufMetadataEdit = { key: string; remove: true } | { key: string; value: GgufScalar; type?: GgufScalarType };

function encodeScalar(type: GgufScalarType, value: GgufScalar, little: boolean): Uint8Array {
  if (type === 'string') {
    const text = new TextEncoder().encode(String(value));
    const out = new Uint8Array(8 + text.length);
    new DataView(out.buffer).setBigUint64(0, BigInt(text.length), little);
    out.set(text, 8);
    return out;
  }
  const out = new Uint8Array(WIDTH[type]);
  const dv = new DataView(out.buffer);
  const n = typeof value === 'boolean' ? Number(value) : value;
  switch (type) {
    case 'u8':
      dv.setUint8(0, Number(n));
      break;
    case 'i8':
      dv.setInt8(0, Number(n));
      break;
    case 'u16':
      dv.setUint16(0, Number(n), little);
      break;
    case 'i16':
      dv.setInt16(0, Number(n), little);
      break;
    case 'u32':
      dv.setUint32(0, Number(n), little);
      break;
    case 'i32':
      dv.setInt32(0, Number(n), little);
      break;
    case 'f32':
      dv.setFloat32(0, Number(n), little);
      break;
    case 'f64':
      dv.setFloat64(0, Number(n), little);
      break;
    case 'bool':
      dv.setUint8(0, value === true || value === 'true' || value === 1 ? 1 : 0);
      break;
    case 'u64':
      dv.setBigUint64(0, BigInt(n), little);
      break;
    case 'i64':
      dv.setBigInt64(0, BigInt(n), little);
      break;
  }
  return out;
}

/** Parses a value typed by a person for a key of a given type; a typed error names the key. */
export function parseGgufScalar(type: GgufScalarType, text: string, key: string): GgufScalar {
  if (type === 'string') return text;
  if (type === 'bool') {
    if (text === 'true' || text === 'false') return text === 'true';
    throw fail('invalid', `${key} is a bool: write true or false, not ${JSON.stringify(text)}`);
  }
  if (type === 'f32' || type === 'f64') {
    const x = Number(text);
    if (text.trim() === '' || Number.isNaN(x)) throw fail('invalid', `${key} is a number (${type}): ${JSON.stringify(text)} is not one`);
    return x;
  }
  if (!/^-?\d+$/.test(text.trim())) throw fail('invalid', `${key} is an integer (${type}): ${JSON.stringify(text)} is not one`);
  const big = BigInt(text.trim());
  const bits = WIDTH[type] * 8;
  const signed = type.startsWith('i');
  const lo = signed ? -(2n ** BigInt(bits - 1)) : 0n;
  const hi = signed ? 2n ** BigInt(bits - 1) - 1n : 2n ** BigInt(bits) - 1n;
  if (big < lo || big > hi) throw fail('invalid', `${key} is ${type}: ${text} is out of range`);
  return narrow(big);
}

/**
 * The file with its metadata changed: magic, version and counts anew, untouched key/values copied
 * byte for byte, changed ones re-encoded, the tensor infos as they were, padding to the alignment,
 * and the tensor data by range. The alignment itself cannot be changed (the data would move).
 */
export function ggufWithMetadata(header: GgufHeader, original: ByteSource, edits: GgufMetadataEdit[]): SplicePlan {
  const byKey = new Map(edits.map((e) => [e.key, e]));
  if (byKey.has('general.alignment')) throw fail('invalid', 'general.alignment cannot be edited: every tensor offset depends on it');
  const parts: Uint8Array[] = [];
  const little = header.littleEndian;
  const keyBytes = (key: string) => encodeScalar('string', key, little);
  const typeBytes = (type: GgufScalarType) => {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, GGUF_TYPE[type], little);
    return b;
  };
  let count = 0;
  for (const entry of header.metadata) {
    const edit = byKey.get(entry.key);
    byKey.delete(entry.key);
    if (!edit) {
      parts.push(original.read(entry.start, entry.end - entry.start));
      count++;
    } else if (!('remove' in edit)) {
      const type = entry.value.type === 'array' ? (edit.type ?? 'string') : entry.value.type;
      parts.push(keyBytes(entry.key), typeBytes(type), encodeScalar(type, edit.value, little));
      count++;
    }
  }
  for (const edit of byKey.values()) {
    if ('remove' in edit) throw fail('invalid', `There is no key ${edit.key} to remove`);
    const type = edit.type ?? 'string';
    parts.push(keyBytes(edit.key), typeBytes(type), encodeScalar(type, edit.value, little));
    count++;
  }
  const infos = original.read(header.tensorInfos.start, header.tensorInfos.end - header.tensorInfos.start);
  const prefix = new Uint8Array(24);
  const pv = new DataView(prefix.buffer);
  prefix.set([0x47, 0x47, 0x55, 0x46]);
  pv.setUint32(4, header.version, little);
  pv.setBigUint64(8, BigInt(header.tensors.length), little);
  pv.setBigUint64(16, BigInt(count), little);
  const length = prefix.length + parts.reduce((n, p) => n + p.length, 0) + infos.length;
  const padded = Math.ceil(length / header.alignment) * header.alignment;
  const head = new Uint8Array(padded);
  let at = 0;
  for (const p of [prefix, ...parts, infos]) {
    head.set(p, at);
    at += p.length;
  }
  return [head, { start: header.dataStart, end: header.fileSize }];
}

/** The chat template is Jinja run by the serving stack: constructs that reach Python objects are flagged. */
export function chatTemplateWarnings(template: string): string[] {
  const found: string[] = [];
  const patterns: Array<[RegExp, string]> = [
    [/__\w+__/, 'dunder attribute access (such as __class__ or __subclasses__), the usual way out of a Jinja sandbox'],
    [/\b(import|exec|eval|os\.|subprocess|popen|system)\b/, 'names of code execution (import, exec, eval, os, subprocess, system)'],
    [
      /\b(cycler|joiner|namespace|lipsum|self|config|request)\b\s*[.[]/,
      'attribute access on Jinja globals (cycler, joiner, namespace, lipsum, self, config, request)',
    ],
    [/\|\s*attr\s*\(/, 'the attr filter, which reaches arbitrary attributes'],
  ];
  for (const [re, what] of patterns) if (re.test(template)) found.push(what);
  return found;
}
