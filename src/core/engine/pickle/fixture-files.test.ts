/** Test support: the committed fixtures of scripts/make-pickle-fixtures.py (Node only). */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const PICKLE_FIXTURES = fileURLToPath(new URL('../../../../fixtures/pickle/', import.meta.url));

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(PICKLE_FIXTURES + name));
}

export function fixtureJson(name: string): unknown {
  return JSON.parse(readFileSync(PICKLE_FIXTURES + name, 'utf8'));
}

export function fixtureNames(): string[] {
  return readdirSync(PICKLE_FIXTURES).sort();
}

// Test support shared by the pickle, torch and adapter tests; it lives in a test file so the app
// build (which has no Node modules) never sees it. Its own test: every fixture has its answer.
import { describe, expect, it } from 'vitest';

describe('pickle fixtures', () => {
  it('pair every value pickle and torch file with the expected JSON Python wrote', () => {
    const names = new Set(fixtureNames());
    const values = [...names].filter((n) => /^values-.*-p\d\.pkl$/.test(n));
    expect(values.length).toBeGreaterThanOrEqual(54);
    for (const n of values) expect(names.has(n.replace(/-p\d\.pkl$/, '.expected.json'))).toBe(true);
    for (const n of [...names].filter((x) => x.endsWith('.pt'))) expect(names.has(n + '.expected.json')).toBe(true);
  });
});
