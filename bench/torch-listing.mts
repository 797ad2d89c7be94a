/**
 * Listing the tensors of a PyTorch checkpoint with the engine's own reader (openTorchFile) from a
 * file read by range, in a fresh Node process per file: the time (best of RUNS), how many bytes of the
 * file were read, and how much the process's memory grew. Prints one JSON object.
 * Run: node --expose-gc --import tsx bench/torch-listing.mts FILE.pth
 */
import { fileSource } from '../src/cli/file-source.ts';
import type { ByteSource } from '../src/core/engine/byte-source.ts';
import { openTorchFile } from '../src/core/engine/torch/torch-file.ts';

const RUNS = 3;
const path = process.argv[2];
if (!path) throw new Error('usage: torch-listing.mts FILE.pth');
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

const file = fileSource(path);
const size = file.size;
let bytesRead = 0;
let reads = 0;
// Counts what the reader asks of the file.
const source: ByteSource = {
  size,
  read(offset, length) {
    const got = file.read(offset, length);
    bytesRead += got.length;
    reads += 1;
    return got;
  },
};

gc();
const before = process.memoryUsage();
let best = Infinity;
let tensors = 0;
let peakHeap = 0;
let peakRss = 0;
let firstRead = { bytesRead: 0, reads: 0 };
for (let i = 0; i < RUNS; i++) {
  bytesRead = 0;
  reads = 0;
  const t0 = performance.now();
  const file = openTorchFile(source);
  tensors = file.tensors.length;
  best = Math.min(best, performance.now() - t0);
  const m = process.memoryUsage();
  peakHeap = Math.max(peakHeap, m.heapUsed + m.arrayBuffers - before.heapUsed - before.arrayBuffers);
  peakRss = Math.max(peakRss, m.rss - before.rss);
  if (i === 0) firstRead = { bytesRead, reads };
}
file.close();
console.log(JSON.stringify({ fileBytes: size, tensors, ms: best, ...firstRead, heapGrowthBytes: peakHeap, rssGrowthBytes: peakRss }));
