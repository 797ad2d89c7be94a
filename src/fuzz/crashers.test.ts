/**
 * Every input the fuzzer kept in fixtures/fuzz-crashers/ replays to a clean open or a typed error.
 * One still on the known list (signature.ts) may give its known finding until its fix lands and the
 * entry is removed; then it must replay clean like the rest.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../test-support/real-fixtures';
import { loadCrashers } from './crashers';
import { runInput } from './campaign';
import { knownIssue, signatureOf } from './signature';
import { Watchdog, DEFAULT_WATCHDOG } from './watchdog';

describe('fuzz crashers replay', () => {
  const crashers = loadCrashers(REPO_ROOT);
  const dog = new Watchdog({ ...DEFAULT_WATCHDOG, timeoutMs: 2 * DEFAULT_WATCHDOG.timeoutMs });
  afterAll(() => dog.close());

  it('the folder holds the crashers found so far', () => {
    expect(crashers.length).toBeGreaterThan(0);
  });

  for (const c of crashers) {
    it(`${c.file} (${c.meta.signature}) opens or ends in a typed error`, async () => {
      const outcome = await runInput(dog, { name: c.meta.name, bytes: c.bytes, ...(c.meta.credentials ? { credentials: c.meta.credentials } : {}) }, REPO_ROOT);
      if (outcome.kind === 'finding') {
        const signature = signatureOf(c.meta.family, outcome);
        expect(knownIssue(signature), `${signature}: ${outcome.message}`).toBeDefined();
      }
    }, 60_000);
  }
});
