/**
 * PyTorch step: a 1 MB and a 1 GB checkpoint written at bench time by torch.save (bench/gen-pth.py,
 * same 64 layers, only the storages grow) into a temporary folder that is deleted afterwards; each is
 * listed by the engine's reader in a fresh Node process (bench/torch-listing.mts), reading by range.
 * Listing must cost the same for both: only the zip directory and data.pkl are read.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PYTHON = '/usr/bin/python3';
const here = (p) => new URL(p, import.meta.url).pathname;

function listing(path) {
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', here('./torch-listing.mts'), path], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1));
}

/** @returns {Promise<{ small, large, generateSeconds } | { skipped: string }>} */
export async function runTorchStep(log, { largeBytes = 1e9 } = {}) {
  if (!existsSync(PYTHON)) return { skipped: `${PYTHON} not found` };
  const dir = mkdtempSync(join(tmpdir(), 'bench-pth-'));
  try {
    const t0 = performance.now();
    const small = join(dir, 'small.pth');
    const large = join(dir, 'large.pth');
    try {
      execFileSync(PYTHON, [here('./gen-pth.py'), small, '1000000'], { stdio: ['ignore', 'ignore', 'pipe'] });
      execFileSync(PYTHON, [here('./gen-pth.py'), large, String(largeBytes)], { stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (e) {
      return {
        skipped: `torch.save failed: ${String(e.stderr ?? e.message)
          .trim()
          .split('\n')
          .at(-1)}`,
      };
    }
    const generateSeconds = (performance.now() - t0) / 1000;
    log(`  .pth: generated 1 MB and ${(largeBytes / 1e9).toFixed(0)} GB checkpoints in ${generateSeconds.toFixed(0)} s`);
    // Alternate the two, three times each, and keep each one's best: a busy moment hits both alike.
    const runs = { small: [], large: [] };
    for (let i = 0; i < 3; i++) {
      runs.small.push(listing(small));
      runs.large.push(listing(large));
    }
    const bestOf = (rs) => rs.reduce((a, b) => (b.ms < a.ms ? b : a));
    const result = { small: bestOf(runs.small), large: bestOf(runs.large), generateSeconds };
    log(
      `  .pth listing: 1 MB ${result.small.ms.toFixed(0)} ms (${result.small.bytesRead} bytes read), 1 GB ${result.large.ms.toFixed(0)} ms (${result.large.bytesRead} bytes read)`,
    );
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
