/**
 * Random access to a file's bytes without holding them all: in the worker a File read with
 * FileReaderSync slice by slice, in Node and tests a Uint8Array. Tensor storages are read through
 * this only when a preview asks, so listing a 1 GB checkpoint touches a few kilobytes.
 */
export interface ByteSource {
  readonly size: number;
  /** Bytes [offset, offset + length), clipped to the end of the file. */
  read(offset: number, length: number): Uint8Array;
}

/** One source per byte array, so what is inflated from it once (zip-directory's cache) is found again. */
const sources = new WeakMap<Uint8Array, ByteSource>();

export function bytesSource(bytes: Uint8Array): ByteSource {
  let source = sources.get(bytes);
  if (!source) {
    source = {
      size: bytes.length,
      read: (offset, length) => bytes.subarray(Math.max(0, offset), Math.min(bytes.length, offset + length)),
    };
    sources.set(bytes, source);
  }
  return source;
}
