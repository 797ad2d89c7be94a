/**
 * npm run fuzz -- [--family pickle[,torch...]] [--runs N] [--seed N] [--start N] [--jobs N]
 *                 [--timeout MS] [--heap-mb MB] [--no-save] [--no-minimise] [--list]
 *
 * Drives seeded mutations of the project's fixtures through the worker's open path and every view
 * (see docs/fuzzing.md). Prints a line per family and each new finding; saves each finding, once
 * per signature and minimised where easy, to fixtures/fuzz-crashers/. Exits 1 when a finding that
 * is not on the known list turned up.
 */
import { resolve, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadFamilies } from './families';
import { runFamily, type Finding } from './campaign';
import { minimise, saveCrasher } from './crashers';
import { DEFAULT_WATCHDOG, Watchdog } from './watchdog';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function parseArgs(argv: string[]) {
  const opts = {
    families: [] as string[],
    runs: 10_000,
    seed: 1,
    start: 0,
    jobs: 1,
    timeoutMs: DEFAULT_WATCHDOG.timeoutMs,
    heapMb: DEFAULT_WATCHDOG.heapMb,
    save: true,
    minimise: true,
    list: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    const number = () => {
      const n = Number(value());
      if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${arg} needs a whole number`);
      return n;
    };
    if (arg === '--family') opts.families.push(...value().split(','));
    else if (arg === '--runs') opts.runs = number();
    else if (arg === '--seed') opts.seed = number();
    else if (arg === '--start') opts.start = number();
    else if (arg === '--jobs') opts.jobs = Math.max(1, number());
    else if (arg === '--timeout') opts.timeoutMs = number();
    else if (arg === '--heap-mb') opts.heapMb = number();
    else if (arg === '--no-save') opts.save = false;
    else if (arg === '--no-minimise') opts.minimise = false;
    else if (arg === '--list') opts.list = true;
    else throw new Error(`unknown option ${arg} (see docs/fuzzing.md)`);
  }
  return opts;
}

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  const all = loadFamilies(ROOT);
  if (opts.list) {
    for (const f of all) console.log(`${f.id.padEnd(9)} ${f.about}`);
    return 0;
  }
  const unknown = opts.families.filter((id) => !all.some((f) => f.id === id));
  if (unknown.length) throw new Error(`no family ${unknown.join(', ')}; families: ${all.map((f) => f.id).join(', ')}`);
  const families = opts.families.length ? all.filter((f) => opts.families.includes(f.id)) : all;
  const watchdog = { ...DEFAULT_WATCHDOG, timeoutMs: opts.timeoutMs, heapMb: opts.heapMb };
  const dogs = Array.from({ length: opts.jobs }, () => new Watchdog(watchdog));
  const minimiser = new Watchdog(watchdog);
  console.log(
    `fuzz: seed ${opts.seed}, ${opts.runs} inputs per family from ${opts.start}, ${opts.jobs} thread(s), ${opts.timeoutMs} ms and ${opts.heapMb} MB per input`,
  );
  let fresh = 0;
  const onFinding = async (f: Finding) => {
    if (!f.known) fresh++;
    const o = f.outcome;
    console.log(
      `  ${f.known ? 'known' : 'FINDING'} ${f.signature}\n    ${o.message.slice(0, 200)}\n    input ${f.index}: ${f.input.trace.join(' | ').slice(0, 300)}`,
    );
    if (f.known) console.log(`    tracked in ${f.known}`);
    if (!opts.save) return;
    const bytes = opts.minimise ? await minimise(minimiser, f, ROOT) : f.input.bytes;
    console.log(`    saved ${relative(ROOT, saveCrasher(ROOT, f, bytes))} (${bytes.length} of ${f.input.bytes.length} bytes)`);
  };
  try {
    for (const family of families) {
      const report = await runFamily(family, { root: ROOT, seed: opts.seed, runs: opts.runs, start: opts.start, dogs, onFinding });
      const codes = Object.entries(report.codes)
        .sort((a, b) => b[1] - a[1])
        .map(([c, n]) => `${c} ${n}`)
        .join(', ');
      const rate = Math.round((report.runs * 1000) / Math.max(1, report.ms));
      console.log(
        `${family.id.padEnd(9)} ${report.runs} inputs in ${(report.ms / 1000).toFixed(1)} s (${rate}/s): opened ${report.opened}, typed ${report.typed} (${codes}), findings ${report.findings.length}`,
      );
    }
  } finally {
    await Promise.all([...dogs, minimiser].map((d) => d.close()));
  }
  return fresh > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`fuzz: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  },
);
