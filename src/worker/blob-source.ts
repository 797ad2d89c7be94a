/// <reference lib="webworker" />
/**
 * A ByteSource over a page's File (or any Blob), for workers: each read is one FileReaderSync of a
 * slice, so a header is read without the gigabytes after it. FileReaderSync exists only in workers,
 * where a synchronous read blocks nobody; the readers above it (safetensors, GGUF, npz, torch) are
 * synchronous and stay so.
 */
import type { ByteSource } from '../core/engine/byte-source';

export function blobSource(blob: Blob): ByteSource {
  const reader = new FileReaderSync();
  return {
    size: blob.size,
    read(offset, length) {
      const start = Math.max(0, offset);
      const end = Math.min(blob.size, start + Math.max(0, length));
      if (end <= start) return new Uint8Array(0);
      return new Uint8Array(reader.readAsArrayBuffer(blob.slice(start, end)));
    },
  };
}
