/**
 * The short, seeded slice of the fuzzer that runs with the unit tests: every family, a fixed seed,
 * the same inputs every time. Each input must open or end in a typed error; a finding on the known
 * list (signature.ts) is reported and passed over, any other fails the family's test with its
 * signature, message and how the input was made. `npm run fuzz` is the long run.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../test-support/real-fixtures';
import { loadFamilies } from './families';
import { runFamily, type Finding } from './campaign';
import { DEFAULT_WATCHDOG, Watchdog } from './watchdog';

const SEED = 20261207;
const RUNS = 200;

function describeFinding(f: Finding): string {
  return `${f.signature}: ${f.outcome.message.slice(0, 200)} (input ${f.index}: ${f.input.trace.join(' | ').slice(0, 200)})`;
}

describe('fuzz slice', () => {
  // A loaded machine is slower, not hung: twice the long run's time limit.
  const dog = new Watchdog({ ...DEFAULT_WATCHDOG, timeoutMs: 2 * DEFAULT_WATCHDOG.timeoutMs });
  afterAll(() => dog.close());

  for (const family of loadFamilies(REPO_ROOT)) {
    it(`${family.id}: ${RUNS} seeded inputs open or end in a typed error`, async () => {
      const report = await runFamily(family, { root: REPO_ROOT, seed: SEED, runs: RUNS, dogs: [dog] });
      for (const f of report.findings.filter((f) => f.known)) console.warn(`[fuzz] known: ${describeFinding(f)} -- ${f.known}`);
      expect(report.findings.filter((f) => !f.known).map(describeFinding)).toEqual([]);
      // The family reaches both ends: inputs that open (the views ran) and inputs refused with a typed error.
      expect(report.opened).toBeGreaterThan(0);
      expect(report.typed).toBeGreaterThan(0);
    }, 180_000);
  }
});
