/**
 * Small files, two builds in turns: each file dropped on a freshly loaded page (fresh profile, no
 * history) that has been up for a moment, as a user drops a file on a page already shown; timed
 * inside the page from the drop to the paint that shows the module tree and the first demo card (a
 * module without demos: its empty list; a file without modules: its document view). Builds A and B
 * alternate round by round, so a change in the machine's load falls on both.
 *
 *   node bench/small-open-ab.mjs DIST_A DIST_B DATA_DIR [ROUNDS=10]
 *
 * DATA_DIR's *.json files are opened, plus a generated 1 MB program. Prints medians per file and
 * build, and the load average before and after.
 */
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { chromium } from '@playwright/test';
import { findChromium } from '../scripts/find-browser.mjs';
import { generateProgram } from './gen-program.mjs';
import { startServer } from './server.mjs';

const [distA, distB, dataDir, roundsArg] = process.argv.slice(2);
if (!distA || !distB || !dataDir) throw new Error('usage: node bench/small-open-ab.mjs DIST_A DIST_B DATA_DIR [ROUNDS]');
const rounds = Number(roundsArg ?? 10);

const genDir = mkdtempSync(join(tmpdir(), 'small-open-'));
writeFileSync(join(genDir, 'program-1mb.json'), generateProgram({ rawBytes: 1_000_000, demos: 400 }).text);
const files = [
  ...readdirSync(dataDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ name: f, url: `/data/${encodeURIComponent(f)}`, bytes: statSync(join(dataDir, f)).size })),
  { name: 'program-1mb.json', url: '/gen/program-1mb.json', bytes: statSync(join(genDir, 'program-1mb.json')).size },
];

const port = 4300 + Math.floor(Math.random() * 500);
const server = await startServer({ port, mounts: { '/a/': distA, '/b/': distB, '/data/': dataDir, '/gen/': genDir } });
const base = `http://127.0.0.1:${port}`;
const browser = await chromium.launch({
  executablePath: findChromium().path,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
});

async function openOnce(build, file) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    await page.goto(`${base}/${build}/`);
    await page.getByRole('heading', { name: /drop a program file/i }).waitFor();
    await page.waitForLoadState('networkidle');
    // A user drops a file on a page that is already up: a moment, then an idle callback.
    await page.waitForTimeout(1500);
    await page.evaluate(() => new Promise((r) => requestIdleCallback(() => r(), { timeout: 2000 })));
    return await page.evaluate(async ({ url, name }) => {
      const bytes = await (await fetch(url)).arrayBuffer();
      const file = new File([bytes], name, { type: 'application/json' });
      // A program's modules: the tree and the first card, or the empty list of a module without demos;
      // a file without modules (a whole-program save's metadata.json): its document view.
      const shown = () =>
        Boolean(
          (document.querySelector('[role="treeitem"]') && (document.querySelector('.demo-card:not(.loading)') || document.querySelector('.section-empty'))) ||
          (document.querySelector('.workspace .document-bar') && !document.querySelector('.panes')),
        );
      const t0 = performance.now();
      const dt = new DataTransfer();
      dt.items.add(file);
      for (const type of ['dragenter', 'dragover', 'drop']) window.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
      await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('not shown in 30 s')), 30000);
        const check = () => {
          if (!shown()) return false;
          observer.disconnect();
          clearTimeout(timer);
          // The paint that shows it: the frame after the DOM has it.
          requestAnimationFrame(() => setTimeout(resolve, 0));
          return true;
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { childList: true, subtree: true, attributes: true });
        check();
      });
      const wall = performance.now() - t0;
      const status = document.querySelector('.status-bar')?.textContent ?? '';
      return { ms: wall, status };
    }, file);
  } finally {
    await context.close();
  }
}

const load0 = loadavg();
const times = new Map(files.map((f) => [f.name, { a: [], b: [] }]));
for (let r = 0; r < rounds; r++) {
  for (const f of files) {
    // A then B, then B then A on the next round: neither build always goes first.
    const order = r % 2 === 0 ? ['a', 'b'] : ['b', 'a'];
    for (const build of order) {
      try {
        const { ms } = await openOnce(build, f);
        times.get(f.name)[build].push(ms);
        // Each open as it lands, so a run cut short still says something.
        console.log(`  ${build} ${f.name} ${ms.toFixed(0)} ms`);
      } catch (e) {
        console.log(`  ${build} ${f.name}: ${String(e.message ?? e).split('\n')[0]}`);
      }
    }
  }
  console.log(`round ${r + 1}/${rounds} done, load ${loadavg()[0].toFixed(1)}`);
}
const load1 = loadavg();
await browser.close();
server.close();

const median = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  return s.length ? (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2 : NaN;
};
console.log(
  `\nA = ${basename(distA)}, B = ${basename(distB)}; ${rounds} rounds; load average ${load0.map((x) => x.toFixed(1)).join(' ')} → ${load1.map((x) => x.toFixed(1)).join(' ')}`,
);
console.log('| file | bytes | A median ms | B median ms | B/A |');
console.log('|---|---:|---:|---:|---:|');
const realA = [];
const realB = [];
for (const f of files) {
  const t = times.get(f.name);
  const a = median(t.a);
  const b = median(t.b);
  if (f.name !== 'program-1mb.json') {
    realA.push(a);
    realB.push(b);
  }
  console.log(`| ${f.name} | ${f.bytes.toLocaleString('en-US')} | ${a.toFixed(0)} | ${b.toFixed(0)} | ${(b / a).toFixed(2)} |`);
}
console.log(
  `\nreal files: median of medians A ${median(realA).toFixed(0)} ms, B ${median(realB).toFixed(0)} ms; worst A ${Math.max(...realA).toFixed(0)} ms, B ${Math.max(...realB).toFixed(0)} ms`,
);
