#!/usr/bin/env node
/**
 * Two builds of the app, one program, opened in turns: A, B, A, B... each on a fresh page, so a busy
 * moment of a shared machine falls on both alike. Prints the median of each build's drop → tree and
 * first card, the worker's own open time and stages, and the peak JS heap (page + workers).
 * Run: node bench/ab-open.mjs DIST_A DIST_B [bench/data/FILE] [rounds=3]
 */
import { loadavg } from 'node:os';
import { basename, dirname } from 'node:path';
import { chromium } from '@playwright/test';
import { findChromium, CHROMIUM_ARGS } from '../scripts/find-browser.mjs';
import { startServer } from './server.mjs';
import { attachHeapSampler } from './heap-sampler.mjs';
import { openStep, prepareAppPage } from './app-steps.mjs';

const [distA, distB, dataFile = 'bench/data/dspy-100mb-110000demos-seed9.json.gz', roundsArg = '3'] = process.argv.slice(2);
if (!distA || !distB) throw new Error('usage: ab-open.mjs DIST_A DIST_B [FILE] [ROUNDS]');
const ARGS = CHROMIUM_ARGS;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2;
};

const builds = [
  { label: 'A', dist: distA, port: 4231 },
  { label: 'B', dist: distB, port: 4232 },
];
const servers = await Promise.all(builds.map((b) => startServer({ port: b.port, mounts: { '/': b.dist, '/data/': dirname(dataFile) } })));
const runs = { A: [], B: [] };
try {
  for (let round = 0; round < Number(roundsArg); round++) {
    for (const b of builds) {
      const browser = await chromium.launch({ executablePath: findChromium().path, headless: true, args: ARGS });
      try {
        const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1440, height: 900 } });
        const page = await prepareAppPage(context, `http://127.0.0.1:${b.port}`);
        const sampler = await attachHeapSampler(page, browser);
        const s = await openStep(page, sampler, { dataUrl: `/data/${basename(dataFile)}`, fileName: basename(dataFile) });
        await sampler.detach();
        runs[b.label].push({
          wallMs: s.wallMs,
          workerOpenMs: s.workerOpenMs,
          stages: s.openStages,
          heap: s.memory.jsHeap,
          workerHeap: s.memory.workerHeap,
          longest: s.longtasks.longestMs,
        });
      } finally {
        await browser.close();
      }
    }
  }
} finally {
  for (const s of servers) s.close();
}
const load = loadavg()
  .map((l) => l.toFixed(2))
  .join(' ');
for (const b of builds) {
  const r = runs[b.label];
  console.log(
    `${b.label} ${b.dist}: open ${median(r.map((x) => x.wallMs)).toFixed(0)} ms, worker ${median(r.map((x) => x.workerOpenMs)).toFixed(0)} ms, peak heap ${(median(r.map((x) => x.heap)) / 1e6).toFixed(0)} MB (workers ${(median(r.map((x) => x.workerHeap)) / 1e6).toFixed(0)} MB), longest task ${median(r.map((x) => x.longest)).toFixed(0)} ms`,
  );
  for (const x of r) console.log(`   ${x.wallMs.toFixed(0)} ms; ${x.stages}; heap ${(x.heap / 1e6).toFixed(0)} MB`);
}
console.log(`load average at the end: ${load}`);
console.log(JSON.stringify(runs));
