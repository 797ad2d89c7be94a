#!/usr/bin/env node
/**
 * Time and peak memory of each hostile input of issue 16 (src/test-support/hostile-inputs.ts), opened
 * by the CLI's in-process `inspect` (the same decode the page's worker runs), each in a fresh Node so
 * peak RSS is its own. Prints one line per input; `npm test` holds no timing, this script does.
 *
 *   node scripts/hostile-timings.mjs            # every input
 *   node scripts/hostile-timings.mjs memo yaml  # some
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const INPUTS = {
  memo: ['bomb.pkl', 'pickleMemoBomb', []],
  shared: ['shared.pkl', 'pickleSharedString', []],
  bigint: ['bigint.pkl', 'pickleBigIntCalls', []],
  appends: ['appends.pkl', 'pickleWideAppends', [300_000, 'object']],
  floats: ['floats.msgpack', 'msgpackDeepFloats', []],
  deepwide: ['deepwide.msgpack', 'msgpackDeepWide', []],
  'gzip-diluted': ['diluted.json.gz', 'gzipDilutedBomb', []],
  'gzip-1.9GiB': ['spaces.json.gz', 'gzipSpaceBomb', []],
  'deep-json-gz': ['deep.json.gz', 'gzipDeepWideJson', []],
  yaml: ['deep.yaml', 'yamlDeep', []],
};

async function one(name) {
  const [file, maker, args] = INPUTS[name];
  const hostile = await import('../src/test-support/hostile-inputs.ts');
  const { run } = await import('../src/cli/main.ts');
  const { memoryIo } = await import('../src/test-support/memory-io.ts');
  const bytes = hostile[maker](...args);
  const m = memoryIo({ [file]: bytes });
  const t0 = performance.now();
  const code = await run(['inspect', file], m.io);
  const ms = performance.now() - t0;
  const said = (code === 0 ? 'opened' : m.err().split('\n')[0]).slice(0, 150);
  console.log(JSON.stringify({ name, bytes: bytes.length, exit: code, ms: Math.round(ms), said }));
}

if (process.argv[2] === '--one') {
  await one(process.argv[3]);
} else {
  const names = process.argv.length > 2 ? process.argv.slice(2) : Object.keys(INPUTS);
  const self = fileURLToPath(import.meta.url);
  console.log('input            size        exit  time     peak RSS  result');
  for (const name of names) {
    const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, '--import', 'tsx', self, '--one', name], { encoding: 'utf8', timeout: 120_000 });
    const line = r.stdout.trim().split('\n').pop() ?? '';
    let parsed;
    try {
      parsed = JSON.parse(line);
    } catch {
      console.log(`${name.padEnd(16)} failed: ${(r.stderr || r.error?.message || '').slice(-200)}`);
      continue;
    }
    const kb = Number(r.stderr.trim().split('\n').pop());
    console.log(
      `${name.padEnd(16)} ${String(parsed.bytes).padStart(10)}  ${String(parsed.exit).padEnd(4)}  ${String(parsed.ms).padStart(6)} ms  ${String(Math.round(kb / 1024)).padStart(5)} MB  ${parsed.said}`,
    );
  }
}
