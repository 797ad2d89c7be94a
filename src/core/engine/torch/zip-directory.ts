/**
 * A small zip central-directory reader (with ZIP64) that reads entries lazily through a
 * ByteSource: listing a zip reads its tail only; an entry's bytes are read when asked for.
 */
import { inflateSync } from 'fflate';
import { FormatError, formatCount } from '../errors.ts';
import type { Limits } from '../limits.ts';
import type { ByteSource } from '../byte-source.ts';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const LAYER = 'zip';

function zipError(code: 'corrupt' | 'truncated' | 'unsupported' | 'limit', message: string, offset?: number): FormatError {
  return new FormatError({
    code,
    layer: LAYER,
    message: offset === undefined ? message : `${message} (byte ${formatCount(offset)})`,
    ...(offset === undefined ? {} : { offset }),
  });
}

function view(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

function u64(v: DataView, at: number): number {
  return v.getUint32(at + 4, true) * 2 ** 32 + v.getUint32(at, true);
}

export function looksLikeZip(head: Uint8Array): boolean {
  return head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

export function readZipDirectory(source: ByteSource, limits: Limits): ZipEntry[] {
  // Most zips (torch's included) have no comment: the record is the last 22 bytes. Otherwise search the
  // last 64 KiB, the most a comment can take.
  let tail = source.read(Math.max(0, source.size - 22), 22);
  let tailStart = source.size - tail.length;
  let eocd = tail.length === 22 && view(tail).getUint32(0, true) === 0x06054b50 ? 0 : -1;
  if (eocd < 0) {
    const tailLength = Math.min(source.size, 22 + 0xffff);
    tailStart = source.size - tailLength;
    tail = source.read(tailStart, tailLength);
    const sv = view(tail);
    for (let i = tail.length - 22; i >= 0; i--) {
      if (sv.getUint32(i, true) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
  }
  if (eocd < 0) throw zipError('corrupt', 'No end of central directory record: the zip is truncated or not a zip');
  const tv = view(tail);
  let count = tv.getUint16(eocd + 10, true);
  let cdSize = tv.getUint32(eocd + 12, true);
  let cdOffset = tv.getUint32(eocd + 16, true);
  const eocdAt = tailStart + eocd;
  if ((count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) && eocdAt >= 20) {
    const loc = source.read(eocdAt - 20, 20);
    const lv = view(loc);
    if (lv.getUint32(0, true) !== 0x07064b50) throw zipError('corrupt', 'ZIP64 locator missing', eocdAt - 20);
    const z64at = u64(lv, 8);
    const z = source.read(z64at, 56);
    const zv = view(z);
    if (z.length < 56 || zv.getUint32(0, true) !== 0x06064b50) throw zipError('corrupt', 'Bad ZIP64 end of central directory', z64at);
    count = u64(zv, 32);
    cdSize = u64(zv, 40);
    cdOffset = u64(zv, 48);
  }
  if (cdOffset + cdSize > source.size) throw zipError('truncated', 'The central directory runs past the end of the file', cdOffset);
  if (count > limits.maxKeys) throw zipError('limit', `The zip lists ${formatCount(count)} entries, more than the limit`);
  const cd = source.read(cdOffset, cdSize);
  const cv = view(cd);
  const entries: ZipEntry[] = [];
  const dec = new TextDecoder();
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || cv.getUint32(p, true) !== 0x02014b50) throw zipError('corrupt', `Central directory entry ${i} is damaged`, cdOffset + p);
    const method = cv.getUint16(p + 10, true);
    let compressedSize = cv.getUint32(p + 20, true);
    let size = cv.getUint32(p + 24, true);
    const nameLen = cv.getUint16(p + 28, true);
    const extraLen = cv.getUint16(p + 30, true);
    const commentLen = cv.getUint16(p + 32, true);
    let localHeaderOffset = cv.getUint32(p + 42, true);
    const name = dec.decode(cd.subarray(p + 46, p + 46 + nameLen));
    let e = p + 46 + nameLen;
    const extraEnd = e + extraLen;
    while (e + 4 <= extraEnd && extraEnd <= cd.length) {
      const id = cv.getUint16(e, true);
      const len = cv.getUint16(e + 2, true);
      if (id === 0x0001) {
        let q = e + 4;
        if (size === 0xffffffff) {
          size = u64(cv, q);
          q += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(cv, q);
          q += 8;
        }
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = u64(cv, q);
      }
      e += 4 + len;
    }
    entries.push({ name, method, compressedSize, size, localHeaderOffset });
    p = extraEnd + commentLen;
  }
  return entries;
}

/** Where an entry's stored bytes start: after its local header (its extra field may differ from the directory's). */
export function entryDataOffset(source: ByteSource, entry: ZipEntry): number {
  const h = source.read(entry.localHeaderOffset, 30);
  const hv = view(h);
  if (h.length < 30 || hv.getUint32(0, true) !== 0x04034b50) throw zipError('corrupt', `Local header of ${entry.name} is damaged`, entry.localHeaderOffset);
  return entry.localHeaderOffset + 30 + hv.getUint16(26, true) + hv.getUint16(28, true);
}

/**
 * Pickles inflated from a source, by local header offset: opening a file, its disassembly and its
 * tensor table all read data.pkl, and a 2 GiB one must be inflated once, not three times. Only
 * pickles are kept (tensor storages are read a slice at a time and not worth holding).
 */
const inflated = new WeakMap<ByteSource, Map<number, Uint8Array>>();

export function readZipEntry(source: ByteSource, entry: ZipEntry, limits: Limits): Uint8Array {
  if (entry.method !== 8 || !entry.name.endsWith('.pkl')) return readZipEntryNow(source, entry, limits);
  let bySource = inflated.get(source);
  const hit = bySource?.get(entry.localHeaderOffset);
  if (hit && hit.length === entry.size) return hit;
  const out = readZipEntryNow(source, entry, limits);
  if (!bySource) inflated.set(source, (bySource = new Map()));
  bySource.set(entry.localHeaderOffset, out);
  return out;
}

/** How many entries were inflated, for tests that count work. */
export const zipInflateCount = { value: 0 };

function readZipEntryNow(source: ByteSource, entry: ZipEntry, limits: Limits): Uint8Array {
  const start = entryDataOffset(source, entry);
  if (start + entry.compressedSize > source.size) throw zipError('truncated', `${entry.name} runs past the end of the file`, start);
  const raw = source.read(start, entry.compressedSize);
  if (entry.method === 0) return raw;
  if (entry.method !== 8) throw zipError('unsupported', `${entry.name} uses zip compression method ${entry.method}`, entry.localHeaderOffset);
  if (entry.size > limits.maxOutputBytes || entry.size > raw.length * limits.maxRatio) {
    throw zipError('limit', `${entry.name} would inflate to ${formatCount(entry.size)} bytes, past the limit`, entry.localHeaderOffset);
  }
  try {
    zipInflateCount.value++;
    const out = inflateSync(raw, { out: new Uint8Array(entry.size) });
    return out.length === entry.size ? out : out.subarray(0, entry.size);
  } catch (e) {
    throw zipError('corrupt', `${entry.name} does not inflate: ${e instanceof Error ? e.message : String(e)}`, start);
  }
}
