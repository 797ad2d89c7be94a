/**
 * Weights step: a 5 MB and a 5 GB safetensors file written sparse into a temporary folder (deleted
 * afterwards), listed header-first by the engine's reader, and the 5 GB one's metadata edited into a new
 * file whose tensor region must hash the same (bench/weights-big.mts, in a fresh Node process).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const here = (p) => new URL(p, import.meta.url).pathname;

export async function runWeightsStep(log) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-weights-'));
  try {
    const out = execFileSync(process.execPath, ['--import', 'tsx', here('./weights-big.mts'), dir], { encoding: 'utf8', maxBuffer: 1 << 20 });
    const result = JSON.parse(out.trim().split('\n').at(-1));
    log(
      `  weights: list 5 MB ${result.listing.small.ms.toFixed(2)} ms, 5 GB ${result.listing.large.ms.toFixed(2)} ms; metadata edit of 5 GB written in ${result.exportSeconds.toFixed(0)} s, tensor SHA-256 ${result.tensorSha256.before === result.tensorSha256.after ? 'equal' : 'DIFFERENT'}`,
    );
    return result;
  } catch (e) {
    return { skipped: String(e.message ?? e).split('\n')[0] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
