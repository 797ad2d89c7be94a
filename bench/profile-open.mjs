#!/usr/bin/env node
/**
 * Where an open's time goes on the page's main thread: a CDP sampling profile from the drop to the
 * paint of the tree and first card, on a fresh idle page of a built app, summed by function (self
 * time) and by script. The document worker's share shows as the wait between tasks.
 * Run: node bench/profile-open.mjs DIST FILE [rounds=3]   (prints the top functions and scripts)
 */
import { basename, dirname, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { findChromium, CHROMIUM_ARGS } from '../scripts/find-browser.mjs';
import { startServer } from './server.mjs';
import { addPageHooks, openStep } from './app-steps.mjs';

const [dist, file, roundsArg = '3'] = process.argv.slice(2);
if (!dist || !file) throw new Error('usage: profile-open.mjs DIST FILE [ROUNDS]');
const ARGS = CHROMIUM_ARGS;
const server = await startServer({ port: 4233, mounts: { '/': dist, '/file/': dirname(resolve(file)) } });
const noSampler = { start: async () => async () => ({ jsHeap: 0 }) };
const byFunction = new Map();
const byScript = new Map();
let totalMs = 0;
let wallMs = 0;
const rounds = Number(roundsArg);
const browser = await chromium.launch({ executablePath: findChromium().path, headless: true, args: ARGS });
try {
  for (let i = 0; i < rounds; i++) {
    const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1440, height: 900 } });
    await addPageHooks(context);
    const page = await context.newPage();
    await page.goto('http://127.0.0.1:4233/');
    await page.waitForLoadState('networkidle');
    await page.evaluate(() => new Promise((r) => requestIdleCallback(() => r(), { timeout: 2000 })));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    const s = await openStep(page, noSampler, {
      dataUrl: `/file/${basename(file)}`,
      fileName: basename(file),
      demoCard: 'any',
      timeoutMs: 30_000,
      settle: false,
    });
    const { profile } = await cdp.send('Profiler.stop');
    wallMs += s.wallMs / rounds;
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    const dt = profile.timeDeltas;
    profile.samples.forEach((id, k) => {
      const n = nodes.get(id);
      const ms = (dt[k + 1] ?? 0) / 1000 / rounds;
      const f = n.callFrame;
      if (f.functionName === '(idle)' || f.functionName === '(program)') return;
      totalMs += ms;
      const name = `${f.functionName || '(anonymous)'} ${basename(f.url || '(native)')}:${f.lineNumber + 1}`;
      byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
      const script = basename(f.url || f.functionName);
      byScript.set(script, (byScript.get(script) ?? 0) + ms);
    });
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
const top = (m, n) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `  ${v.toFixed(1).padStart(7)} ms  ${k}`)
    .join('\n');
console.log(`drop → tree + first card: ${wallMs.toFixed(0)} ms (mean of ${rounds}); main thread busy ${totalMs.toFixed(0)} ms of it (sampled)`);
console.log(`by script:\n${top(byScript, 10)}`);
console.log(`by function (self time):\n${top(byFunction, 25)}`);
