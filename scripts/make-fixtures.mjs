#!/usr/bin/env node
/**
 * Writes every fixture the project makes itself, each folder by its own generator, so anyone can see
 * how a test file came to be. The pickle generator needs python3 (standard library only); without it
 * the committed pickle fixtures are left as they are, and the script says so.
 */
import { spawnSync } from 'node:child_process';

const steps = [
  ['node', ['scripts/make-sample.mjs']],
  ['node', ['scripts/make-format-fixtures.mjs']],
  ['node', ['scripts/make-program-fixtures.mjs']],
  ['node', ['scripts/make-crypto-fixtures.mjs']],
  ['node', ['scripts/make-series-fixtures.mjs']],
  ['python3', ['scripts/make-pickle-fixtures.py']],
  ['python3', ['scripts/make-verdict-fixtures.py']],
  ['python3', ['scripts/make-scanner-corpus.py']],
  // cloudpickle and numpy come from Debian's python3 packages, which a pyenv python3 on PATH lacks.
  ['/usr/bin/python3', ['scripts/make-dspy-shapes-fixtures.py']],
  ['/usr/bin/python3', ['scripts/make-weights-fixtures.py']],
];

let failed = 0;
for (const [cmd, args] of steps) {
  console.log(`$ ${cmd} ${args.join(' ')}`);
  const run = spawnSync(cmd, args, { stdio: 'inherit' });
  if (run.error && cmd.endsWith('python3')) {
    console.warn(`${cmd} is not available: ${args[0]} did not run (the committed fixtures stay).`);
  } else if (run.status !== 0) {
    failed++;
  }
}
process.exit(failed === 0 ? 0 : 1);
