/**
 * The real-world corpus lives beside the checkout (../shared/fixtures), never inside it.
 * Suites over it run whenever the folder exists and say plainly when it does not.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const REAL_DSPY_DIR = resolve(REPO_ROOT, '../shared/fixtures/dspy-real');

export function realFixturesPresent(): boolean {
  const present = existsSync(REAL_DSPY_DIR);
  if (!present) {
    console.warn(`[real-fixtures] ${REAL_DSPY_DIR} does not exist: the real-world corpus suite is not run.`);
  }
  return present;
}

/** File names of the real DSPy files (JSON only; SOURCES.md is provenance, not data). */
export function realDspyFiles(): string[] {
  if (!existsSync(REAL_DSPY_DIR)) return [];
  return readdirSync(REAL_DSPY_DIR)
    .filter((n) => n.endsWith('.json'))
    .sort();
}

export function readRealFixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(REAL_DSPY_DIR, name)));
}

export function readRepoFile(relativePath: string): Uint8Array {
  return new Uint8Array(readFileSync(join(REPO_ROOT, relativePath)));
}
