/** Test support: the committed fixtures of scripts/make-pickle-fixtures.py (Node only). */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const PICKLE_FIXTURES = fileURLToPath(new URL('../../../fixtures/pickle/', import.meta.url));

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(PICKLE_FIXTURES + name));
}

export function fixtureJson(name: string): unknown {
  return JSON.parse(readFileSync(PICKLE_FIXTURES + name, 'utf8'));
}

export function fixtureNames(): string[] {
  return readdirSync(PICKLE_FIXTURES).sort();
}
