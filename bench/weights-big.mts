/**
 * Weights at scale, with the engine's own reader and the CLI's splice, in a fresh Node process: a 5 MB
 * and a 5 GB safetensors file written sparse (a header, then a hole the size of the tensor), each header
 * listed by range (best of 3), then the 5 GB one's `__metadata__` edited into a new file the way the CLI's
 * `convert --set-metadata` writes it (new header, tensor bytes streamed), and the tensor region of both
 * files hashed: they must be equal. Prints one JSON object.
 * Run: node --import tsx bench/weights-big.mts DIR
 */
import { createHash } from 'node:crypto';
import { closeSync, ftruncateSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { readSafetensorsHeader, safetensorsWithMetadata } from '../src/core/engine/weights/safetensors.ts';
import { readWeightsFile } from '../src/core/engine/weights/weights-file.ts';
import { fileSource } from '../src/cli/file-source.ts';
import { nodeIo } from '../src/cli/cli-io.ts';

const dir = process.argv[2];
if (!dir) throw new Error('usage: weights-big.mts DIR');

/** A safetensors file of one F32 tensor of `bytes` bytes, its data a hole (sparse where the file system allows). */
function writeSparse(path: string, bytes: number): void {
  const header = JSON.stringify({
    __metadata__: { format: 'pt', note: 'bench' },
    'model.embed.weight': { dtype: 'F32', shape: [bytes / 4], data_offsets: [0, bytes] },
  });
  const padded = header + ' '.repeat((8 - (header.length % 8)) % 8);
  const head = new Uint8Array(8 + padded.length);
  new DataView(head.buffer).setBigUint64(0, BigInt(padded.length), true);
  head.set(new TextEncoder().encode(padded), 8);
  const fd = openSync(path, 'w');
  writeSync(fd, head);
  ftruncateSync(fd, head.length + bytes);
  closeSync(fd);
}

function listMs(path: string): { ms: number; tensors: number } {
  let best = Infinity;
  let tensors = 0;
  for (let i = 0; i < 3; i++) {
    const source = fileSource(path);
    const t0 = performance.now();
    tensors = readWeightsFile(source).header.tensors.length;
    best = Math.min(best, performance.now() - t0);
    source.close();
  }
  return { ms: best, tensors };
}

/** SHA-256 of bytes [start, end) of a file, read in 8 MiB steps. */
function regionSha256(path: string, start: number, end: number): string {
  const fd = openSync(path, 'r');
  const hash = createHash('sha256');
  const buf = new Uint8Array(8 * 1024 * 1024);
  for (let at = start; at < end;) {
    const got = readSync(fd, buf, 0, Math.min(buf.length, end - at), at);
    if (got === 0) throw new Error(`${path} ends at ${at}, before ${end}`);
    hash.update(buf.subarray(0, got));
    at += got;
  }
  closeSync(fd);
  return hash.digest('hex');
}

const small = join(dir, 'small.safetensors');
const large = join(dir, 'large.safetensors');
const edited = join(dir, 'large.edited.safetensors');
writeSparse(small, 5 * 1024 * 1024);
writeSparse(large, 5 * 1024 * 1024 * 1024);
const listing = { small: listMs(small), large: listMs(large) };

const t0 = performance.now();
const source = fileSource(large);
const header = readSafetensorsHeader(source);
source.close();
const plan = safetensorsWithMetadata(header, { ...header.metadata, note: 'edited at bench time' });
await nodeIo().writeSpliced(edited, plan, large);
const exportSeconds = (performance.now() - t0) / 1000;

const out = fileSource(edited);
const editedHeader = readSafetensorsHeader(out);
out.close();
const t1 = performance.now();
const before = regionSha256(large, header.dataStart, statSync(large).size);
const after = regionSha256(edited, editedHeader.dataStart, statSync(edited).size);
const hashSeconds = (performance.now() - t1) / 1000;

console.log(
  JSON.stringify({
    smallBytes: statSync(small).size,
    largeBytes: statSync(large).size,
    listing,
    exportSeconds,
    hashSeconds,
    metadataAfter: editedHeader.metadata,
    tensorSha256: { before, after },
  }),
);
