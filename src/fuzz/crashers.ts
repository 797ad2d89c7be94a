/**
 * Findings kept as fixtures: fixtures/fuzz-crashers/<family>-<id>.bin holds the input's bytes
 * (minimised where that was easy) and <family>-<id>.json what is needed to replay it and where it
 * came from (family, file name, fixture secret, signature, seed, index, how it was made). The
 * replay test (crashers.test.ts) runs every one of them; `npm run fuzz` writes them.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { shortHash, type CredentialRef } from './families';
import { runInput, type Finding } from './campaign';
import { signatureOf } from './signature';
import type { Watchdog } from './watchdog';

export const CRASHER_DIR = 'fixtures/fuzz-crashers';

export interface CrasherMeta {
  family: string;
  name: string;
  credentials?: CredentialRef;
  signature: string;
  finding: string;
  message: string;
  known?: string;
  found: { seed: number; index: number; trace: string[]; bytes: number };
}

export interface Crasher {
  file: string;
  meta: CrasherMeta;
  bytes: Uint8Array;
}

/**
 * Shortens an input while it still gives the same finding: drops halves, then quarters, and so on
 * (a simple delta debugging), within `budget` runs. Hangs and blow-ups are kept as found: each try
 * would cost a full timeout.
 */
export async function minimise(dog: Watchdog, finding: Finding, root: string, budget = 150): Promise<Uint8Array> {
  let best = finding.input.bytes;
  if (finding.outcome.finding === 'hang' || finding.outcome.finding === 'memory') return best;
  let tries = 0;
  for (let chunk = best.length >> 1; chunk >= 1 && tries < budget; chunk >>= 1) {
    for (let at = 0; at < best.length && tries < budget;) {
      const candidate = new Uint8Array([...best.subarray(0, at), ...best.subarray(at + chunk)]);
      tries++;
      const outcome = await runInput(dog, { ...finding.input, bytes: candidate }, root);
      if (outcome.kind === 'finding' && signatureOf(finding.input.family, outcome) === finding.signature) best = candidate;
      else at += chunk;
    }
  }
  return best;
}

export function saveCrasher(root: string, finding: Finding, bytes: Uint8Array): string {
  const dir = join(root, CRASHER_DIR);
  mkdirSync(dir, { recursive: true });
  const base = `${finding.input.family}-${shortHash(finding.signature)}`;
  const meta: CrasherMeta = {
    family: finding.input.family,
    name: finding.input.name,
    ...(finding.input.credentials ? { credentials: finding.input.credentials } : {}),
    signature: finding.signature,
    finding: finding.outcome.finding,
    message: finding.outcome.message.slice(0, 300),
    ...(finding.known ? { known: finding.known } : {}),
    found: { seed: finding.seed, index: finding.index, trace: finding.input.trace, bytes: finding.input.bytes.length },
  };
  const binPath = join(dir, `${base}.bin`);
  // A smaller input for the same bug replaces a bigger one; a bigger one never replaces it.
  if (existsSync(binPath) && readFileSync(binPath).length <= bytes.length) return binPath;
  writeFileSync(binPath, bytes);
  writeFileSync(join(dir, `${base}.json`), JSON.stringify(meta, null, 2) + '\n');
  return binPath;
}

export function loadCrashers(root: string): Crasher[] {
  const dir = join(root, CRASHER_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const file = f.replace(/\.json$/, '.bin');
      return { file, meta: JSON.parse(readFileSync(join(dir, f), 'utf8')) as CrasherMeta, bytes: new Uint8Array(readFileSync(join(dir, file))) };
    });
}
