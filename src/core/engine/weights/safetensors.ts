/**
 * safetensors, header first: an 8-byte little-endian length N, N bytes of JSON, then the tensor bytes.
 * Only the header is read (two small reads through a ByteSource), so a file of many GB lists its
 * tensors as fast as a small one. Validation follows the reference implementation: offsets start at
 * 0, are contiguous in storage order, end where the file ends, and each span is dtype size × shape.
 */
import { FormatError, formatCount } from '../errors.ts';
import { formatPointer } from '../json-pointer.ts';
import type { ByteSource } from '../byte-source.ts';
import { dtypeBits, isWeightsDtype, type WeightsDtype } from './dtypes.ts';
import type { SplicePlan } from './splice-plan.ts';

/** The reference implementation refuses larger headers. */
export const MAX_SAFETENSORS_HEADER = 100_000_000;

const LAYER = 'safetensors';

export interface WeightsTensor {
  name: string;
  dtype: WeightsDtype;
  shape: number[];
  /** Absolute byte offset of the tensor's first byte in the file. */
  offset: number;
  bytes: number;
  params: number;
}

export interface SafetensorsHeader {
  format: 'safetensors';
  /** N, the JSON header's length (padding included). */
  headerLength: number;
  /** Where the tensor bytes begin: 8 + N. */
  dataStart: number;
  fileSize: number;
  metadata: Record<string, string> | null;
  /** In the header's own key order, which export keeps. */
  tensors: WeightsTensor[];
}

function fail(code: 'corrupt' | 'truncated' | 'limit' | 'invalid', message: string, extra: { offset?: number; path?: string } = {}): FormatError {
  return new FormatError({ code, layer: LAYER, message, ...extra });
}

/** Does the file start like safetensors? A plausible length and a `{` right after it. */
export function looksLikeSafetensors(head: Uint8Array, fileSize: number): boolean {
  if (head.length < 9 || head[8] !== 0x7b) return false;
  const n = new DataView(head.buffer, head.byteOffset, 8).getBigUint64(0, true);
  return n >= 2n && n <= BigInt(Math.max(0, fileSize - 8));
}

export function readSafetensorsHeader(source: ByteSource): SafetensorsHeader {
  if (source.size < 8) throw fail('truncated', `The file has ${source.size} bytes; a safetensors file starts with an 8-byte header length`, { offset: 0 });
  const lengthBytes = source.read(0, 8);
  const declared = new DataView(lengthBytes.buffer, lengthBytes.byteOffset, 8).getBigUint64(0, true);
  if (declared > BigInt(MAX_SAFETENSORS_HEADER)) {
    throw fail(
      'limit',
      `The header declares ${formatCount(Number(declared))} bytes; safetensors headers are at most ${formatCount(MAX_SAFETENSORS_HEADER)} bytes`,
      { offset: 0 },
    );
  }
  const headerLength = Number(declared);
  if (8 + headerLength > source.size) {
    throw fail('truncated', `The header declares ${formatCount(headerLength)} bytes but the file ends at byte ${formatCount(source.size)}`, { offset: 0 });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(source.read(8, headerLength));
  } catch {
    throw fail('corrupt', 'The header is not valid UTF-8', { offset: 8 });
  }
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (e) {
    throw fail('corrupt', `The header is not valid JSON: ${(e as Error).message}`, { offset: 8 });
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) throw fail('corrupt', 'The header is not a JSON object', { offset: 8 });
  const dataStart = 8 + headerLength;
  const dataLength = source.size - dataStart;
  let metadata: Record<string, string> | null = null;
  const tensors: WeightsTensor[] = [];
  for (const [name, entry] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      metadata = readMetadata(entry);
      continue;
    }
    tensors.push(readTensor(name, entry, dataStart));
  }
  // Storage order: contiguous from 0 to the end of the data, no gaps, no overlaps.
  const byOffset = [...tensors].sort((a, b) => a.offset - b.offset || a.bytes - b.bytes);
  let expected = dataStart;
  for (const t of byOffset) {
    if (t.offset !== expected) {
      const what = t.offset < expected ? 'overlaps the tensor before it' : 'leaves a gap after the tensor before it';
      throw fail(
        'corrupt',
        `Tensor "${t.name}" starts at data byte ${formatCount(t.offset - dataStart)} and ${what} (expected ${formatCount(expected - dataStart)})`,
        { path: formatPointer([t.name, 'data_offsets']) },
      );
    }
    expected = t.offset + t.bytes;
  }
  if (expected - dataStart !== dataLength) {
    throw fail(
      expected - dataStart > dataLength ? 'truncated' : 'corrupt',
      `The tensors cover ${formatCount(expected - dataStart)} data bytes but the file holds ${formatCount(dataLength)}`,
      { offset: Math.min(expected, source.size) },
    );
  }
  return { format: 'safetensors', headerLength, dataStart, fileSize: source.size, metadata, tensors };
}

function readMetadata(entry: unknown): Record<string, string> {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
    throw fail('invalid', '__metadata__ must be an object of strings', { path: '/__metadata__' });
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [k, v] of Object.entries(entry as Record<string, unknown>)) {
    if (typeof v !== 'string') throw fail('invalid', `__metadata__.${k} must be a string, not ${typeof v}`, { path: formatPointer(['__metadata__', k]) });
    out[k] = v;
  }
  return out;
}

function readTensor(name: string, entry: unknown, dataStart: number): WeightsTensor {
  const path = formatPointer([name]);
  if (typeof entry !== 'object' || entry === null) throw fail('invalid', `Tensor "${name}" is not an object`, { path });
  const { dtype, shape, data_offsets: offsets } = entry as Record<string, unknown>;
  if (typeof dtype !== 'string' || !isWeightsDtype(dtype))
    throw fail('invalid', `Tensor "${name}" has an unknown dtype ${JSON.stringify(dtype)}`, { path: `${path}/dtype` });
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && (d as number) >= 0)) {
    throw fail('invalid', `Tensor "${name}" has a shape that is not a list of non-negative integers`, { path: `${path}/shape` });
  }
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && (o as number) >= 0)) {
    throw fail('invalid', `Tensor "${name}" needs data_offsets [begin, end]`, { path: `${path}/data_offsets` });
  }
  const [begin, end] = offsets as [number, number];
  if (end < begin) throw fail('invalid', `Tensor "${name}" ends (${end}) before it begins (${begin})`, { path: `${path}/data_offsets` });
  // The element count in BigInt: a shape like [2^40, 2^40] must be caught, not wrapped.
  let params = 1n;
  for (const d of shape as number[]) params *= BigInt(d);
  const bits = params * BigInt(dtypeBits(dtype));
  if (bits % 8n !== 0n || bits / 8n !== BigInt(end - begin)) {
    throw fail(
      'invalid',
      `Tensor "${name}": ${dtype} × [${(shape as number[]).join(', ')}] is ${formatBits(bits)} but its data_offsets span ${formatCount(end - begin)} bytes`,
      { path: `${path}/data_offsets` },
    );
  }
  return { name, dtype, shape: shape as number[], offset: dataStart + begin, bytes: end - begin, params: Number(params) };
}

function formatBits(bits: bigint): string {
  return bits % 8n === 0n ? `${(bits / 8n).toLocaleString('en-US')} bytes` : `${bits.toLocaleString('en-US')} bits`;
}

/**
 * A new file with other metadata and the same tensors: a fresh header (tensor entries and their
 * order as they were, padded with spaces to 8 bytes as the format requires), then the original's tensor
 * bytes, which the plan refers to by range so they are streamed, never held.
 */
export function safetensorsWithMetadata(header: SafetensorsHeader, metadata: Record<string, string> | null): SplicePlan {
  const out: Record<string, unknown> = {};
  if (metadata !== null) out['__metadata__'] = { ...metadata };
  for (const t of header.tensors) {
    out[t.name] = { dtype: t.dtype, shape: t.shape, data_offsets: [t.offset - header.dataStart, t.offset - header.dataStart + t.bytes] };
  }
  let json = new TextEncoder().encode(JSON.stringify(out));
  const padded = Math.ceil(json.length / 8) * 8;
  if (padded !== json.length) {
    const p = new Uint8Array(padded).fill(0x20);
    p.set(json);
    json = p;
  }
  const head = new Uint8Array(8 + json.length);
  new DataView(head.buffer).setBigUint64(0, BigInt(json.length), true);
  head.set(json, 8);
  return [head, { start: header.dataStart, end: header.fileSize }];
}
