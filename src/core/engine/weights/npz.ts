/**
 * NumPy .npz: a zip of .npy members, stored (np.savez) or deflated (np.savez_compressed). Listing
 * reads the zip directory and each member's header only; a deflated member is inflated just far
 * enough to read its header. Object members are read whole (within the limits) for their pickle.
 */
import { Inflate } from 'fflate';
import { FormatError } from '../errors.ts';
import type { Limits } from '../limits.ts';
import { bytesSource, type ByteSource } from '../byte-source.ts';
import { entryDataOffset, readZipDirectory, readZipEntry, type ZipEntry } from '../torch/zip-directory.ts';
import { readNpyHeader, type NpyHeader } from '../numpy/npy.ts';

export interface NpzMember {
  /** The array's name: the member's name without `.npy`. */
  name: string;
  entry: ZipEntry;
  header: NpyHeader;
  /** The member's own bytes by range: a window of the zip when stored, the inflated bytes when not. */
  source: ByteSource;
}

/** A window [start, start + length) of another source, addressed from 0. */
export function windowSource(source: ByteSource, start: number, length: number): ByteSource {
  const size = Math.max(0, Math.min(length, source.size - start));
  return { size, read: (offset, n) => source.read(start + Math.max(0, offset), Math.max(0, Math.min(n, size - offset))) };
}

/** The first `want` bytes of a deflated entry, inflating no more than needed. */
function inflatePrefix(source: ByteSource, entry: ZipEntry, want: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let have = 0;
  const inflate = new Inflate((chunk) => {
    chunks.push(chunk);
    have += chunk.length;
  });
  const start = entryDataOffset(source, entry);
  for (let at = 0; at < entry.compressedSize && have < want; at += 16_384) {
    const part = source.read(start + at, Math.min(16_384, entry.compressedSize - at));
    inflate.push(part, at + part.length >= entry.compressedSize);
  }
  const out = new Uint8Array(Math.min(have, want));
  let at = 0;
  for (const c of chunks) {
    if (at >= out.length) break;
    out.set(c.subarray(0, out.length - at), at);
    at += c.length;
  }
  return out;
}

export function readNpz(source: ByteSource, limits: Limits): NpzMember[] {
  const members: NpzMember[] = [];
  for (const entry of readZipDirectory(source, limits)) {
    if (!entry.name.endsWith('.npy')) continue;
    let member: ByteSource;
    if (entry.method === 0) member = windowSource(source, entryDataOffset(source, entry), entry.size);
    else if (entry.method === 8) {
      // The header first; the whole member only for an object array, whose pickle is needed whole.
      const head = bytesSource(inflatePrefix(source, entry, 16_384));
      const sized: ByteSource = { size: entry.size, read: head.read };
      const header = readNpyHeader(sized);
      member = header.dtype.kind === 'O' || entry.size <= 16_384 ? bytesSource(readZipEntry(source, entry, limits)) : sized;
    } else {
      throw new FormatError({
        code: 'unsupported',
        layer: 'npz',
        message: `Member ${entry.name} uses zip method ${entry.method}; only stored and deflated members are read`,
      });
    }
    members.push({ name: entry.name.slice(0, -4), entry, header: readNpyHeader(member), source: member });
  }
  return members;
}
