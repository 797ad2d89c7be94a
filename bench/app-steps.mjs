/**
 * The app's journey on one program, each step timed inside the page (performance.now) from the
 * user's action to the paint that shows its result: open (drop → module tree and first demos),
 * select the big module, scroll its demo list, edit one demo field, export (the worker's `encode`).
 */
import { readFileSync } from 'node:fs';

const HOOKS = readFileSync(new URL('./page-hooks.js', import.meta.url), 'utf8');

async function step(page, sampler, name, body) {
  const stop = process.env.BENCH_NO_HEAP ? async () => ({ jsHeap: 0 }) : await sampler.start();
  const t0 = await page.evaluate(() => performance.now());
  let detail;
  try {
    detail = await body();
  } catch (e) {
    await page.screenshot({ path: new URL('./out/failed-step.png', import.meta.url).pathname }).catch(() => undefined);
    throw new Error(`step "${name}" failed (screenshot in bench/out/failed-step.png): ${e.message}`, { cause: e });
  }
  const t1 = await page.evaluate(() => performance.now());
  const memory = await stop();
  const from = detail.startedAt ?? t0;
  const to = detail.settledAt ?? detail.visibleAt ?? t1;
  const longtasks = await page.evaluate(([a, b]) => window.__bench.longtasksBetween(a, b), [from, to]);
  // A step may start its clock later than its long-task window (filtering: at the last keystroke).
  const wallMs = detail.visibleAt !== undefined ? detail.visibleAt - (detail.clockFrom ?? from) : t1 - t0;
  console.log(
    `    ${name}: ${wallMs.toFixed(0)} ms, longest task ${longtasks.longestMs.toFixed(0)} ms (${longtasks.count} long), JS heap peak ${(memory.jsHeap / 1e6).toFixed(0)} MB`,
  );
  return { name, wallMs, ...stripTimes(detail), longtasks, memory };
}

function stripTimes({ startedAt: _a, visibleAt: _b, settledAt: _c, clockFrom: _d, ...rest }) {
  return rest;
}

/** The page hooks (long tasks, worker replies, waitFor) on every page of this context. */
export const addPageHooks = (context) => context.addInitScript(HOOKS);

export async function prepareAppPage(context, baseUrl) {
  await addPageHooks(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log(`    [page error] ${e.message}`));
  page.on('crash', () => console.log('    [page crashed]'));
  await page.goto(`${baseUrl}/`);
  await page.getByRole('heading', { name: /drop a program file/i }).waitFor();
  return page;
}

/**
 * Drop a file on the page and wait for the module tree and the first demo card. The file's bytes are
 * fetched into a File before the clock starts: a user's file is on disk too. `demoCard: 'any'` also
 * accepts a module panel that says it has no demos, or a file that opens as text (no modules).
 * `settle: false` returns at that paint instead of waiting for the JSON pane too.
 */
export async function openStep(
  page,
  sampler,
  { dataUrl, fileName, type = 'application/gzip', name = 'open', demoCard = true, timeoutMs = 120_000, settle = true },
) {
  await page.evaluate(
    async ([url, name, type]) => {
      const blob = await (await fetch(url)).blob();
      window.__bench.file = new File([blob], name, { type });
    },
    [dataUrl, fileName, type],
  );
  return step(page, sampler, name, () =>
    page.evaluate(
      async ([demoCard, timeoutMs, settle]) => {
        const dt = new DataTransfer();
        dt.items.add(window.__bench.file);
        const startedAt = performance.now();
        for (const type of ['dragenter', 'dragover', 'drop']) window.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
        // 'any': a first card, or the painted empty list of a module that has no demos.
        const card = () => document.querySelector('.demo-card:not(.loading)');
        const empty = () => [...document.querySelectorAll('.module-panel .section-empty')].some((p) => p.textContent === 'No demos.');
        const tree = () => document.querySelector('[role="treeitem"]');
        const shown = demoCard === 'any' ? () => card() || empty() : demoCard ? card : () => document.querySelector('.module-panel');
        // A file that is not a program with modules (a whole-program save's metadata.json) opens as text.
        const text = () => demoCard === 'any' && document.querySelector('.document-body .view-lines')?.textContent;
        const seen = await window.__bench.waitFor(() => (tree() && shown()) || text(), timeoutMs);
        const settled = settle
          ? await window.__bench
              .waitFor(() => !document.querySelector('.json-pane')?.textContent.includes('Loading'), 180000)
              .catch(() => ({ painted: performance.now() }))
          : seen;
        // The worker's own read + decode + analyse time and its stages, as the program bar shows them.
        const bar = /opened in ([\d,]+) ms\s*(?:\((.*)\))?/.exec(document.querySelector('[data-testid="open-timing"]')?.textContent ?? '');
        window.__bench.file = undefined;
        return {
          startedAt,
          visibleAt: seen.painted,
          settledAt: settled.painted,
          workerOpenMs: bar ? Number(bar[1].replace(/,/g, '')) : undefined,
          ...(bar?.[2] ? { openStages: bar[2] } : {}),
        };
      },
      [demoCard, timeoutMs, settle],
    ),
  );
}

export async function runAppJourney(page, sampler, { dataUrl, fileName, bigModule, marker, filterQuery }) {
  const steps = [];
  steps.push(await openStep(page, sampler, { dataUrl, fileName }));

  steps.push(
    await step(page, sampler, 'select big module', () =>
      page.evaluate(async (id) => {
        const row = document.querySelector(`[role="treeitem"][aria-label^="${CSS.escape(id)},"]`);
        const startedAt = performance.now();
        row.click();
        const panel = () => document.querySelector(`[aria-label="Module ${id}"]`);
        const seen = await window.__bench.waitFor(() => panel()?.querySelector('.demo-card:not(.loading)'));
        // The JSON pane fetches the module too; the step lasts until it stops saying "Loading".
        const settled = await window.__bench
          .waitFor(() => {
            const pane = document.querySelector('.json-pane');
            return pane && !/Loading/.test(pane.querySelector('.placeholder')?.textContent ?? '') && !pane.textContent.includes('Loading');
          }, 180000)
          .catch(() => ({ painted: performance.now(), timedOut: true }));
        return {
          startedAt,
          visibleAt: seen.painted,
          settledAt: settled.painted,
          jsonPaneMs: settled.painted - startedAt,
          jsonPaneTimedOut: settled.timedOut === true,
        };
      }, bigModule),
    ),
  );

  steps.push(
    await step(page, sampler, 'scroll demos', () =>
      page.evaluate(async () => {
        // The module panel scrolls as one column (header, signature, then the virtualized demos).
        const list = document.querySelector('[data-testid="demo-scroll"]');
        const el = list.closest('.module-panel') ?? list;
        const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
        const loaded = () => list.querySelector('.demo-card:not(.loading)') && !list.querySelector('.demo-card.loading');
        const startedAt = performance.now();
        // Forty wheel-sized moves, then jumps to the middle and to the end, each waiting for its cards.
        for (let i = 0; i < 40; i++) {
          el.scrollTop += 600;
          await frame();
        }
        await window.__bench.waitFor(loaded);
        el.scrollTop = el.scrollHeight / 2;
        await window.__bench.waitFor(loaded);
        el.scrollTop = el.scrollHeight;
        const seen = await window.__bench.waitFor(loaded);
        el.scrollTop = 0;
        const back = await window.__bench.waitFor(loaded);
        return { startedAt, visibleAt: seen.painted, settledAt: back.painted };
      }),
    ),
  );

  steps.push(
    await step(page, sampler, 'edit one demo', async () => {
      const card = page.locator('[data-testid="demo-scroll"] .demo-card:not(.loading)').first();
      await card.locator('button.value-text[aria-label^="answer: "]').click();
      const box = card.locator('textarea');
      await box.press('End');
      await box.pressSequentially(` ${marker}`);
      await page.evaluate((mark) => {
        window.__bench.editResult = undefined;
        (async () => {
          const keyAt = await new Promise((resolve) => {
            // Not `once`: the Control keydown comes first and must not use the listener up.
            const onKey = (e) => {
              if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey)) return;
              window.removeEventListener('keydown', onKey, { capture: true });
              resolve(performance.now());
            };
            window.addEventListener('keydown', onKey, { capture: true });
          });
          const seen = await window.__bench.waitFor(() =>
            [...document.querySelectorAll('.demo-card button.value-text')].some((b) => b.textContent.includes(mark)),
          );
          const reply = window.__bench.editReplies.at(-1);
          window.__bench.editResult = {
            startedAt: keyAt,
            visibleAt: seen.painted,
            settledAt: seen.painted,
            workerReplyMs: reply ? reply.at - keyAt : undefined,
            historyEntryBytes: reply?.bytes,
          };
        })();
      }, marker);
      await box.press('Control+Enter');
      await page.waitForFunction(() => window.__bench.editResult !== undefined, undefined, { timeout: 20_000, polling: 100 });
      return page.evaluate(() => window.__bench.editResult);
    }),
  );

  if (filterQuery) {
    steps.push(
      await step(page, sampler, 'filter demos', async () => {
        const box = page.getByRole('searchbox', { name: 'Filter demos' });
        await box.click();
        // Every input event's time, so the clock starts at the last keystroke whatever the typing pace.
        await page.evaluate(() => {
          window.__bench.lastInputAt = undefined;
          window.__bench.firstInputAt = undefined;
          window.addEventListener(
            'input',
            () => {
              window.__bench.lastInputAt = performance.now();
              window.__bench.firstInputAt ??= window.__bench.lastInputAt;
            },
            { capture: true },
          );
        });
        await box.pressSequentially(filterQuery, { delay: 40 });
        const seen = await page.evaluate(async () => {
          const head = () => document.querySelector('.demos-toolbar h3')?.textContent ?? '';
          const r = await window.__bench.waitFor(() => / of /.test(head()) && document.querySelector('[data-testid="demo-scroll"] .demo-card:not(.loading)'));
          return { startedAt: window.__bench.firstInputAt, lastKeyAt: window.__bench.lastInputAt, painted: r.painted, counted: head() };
        });
        const detail = {
          startedAt: seen.startedAt,
          clockFrom: seen.lastKeyAt,
          visibleAt: seen.painted,
          settledAt: seen.painted,
          typingMs: seen.lastKeyAt - seen.startedAt,
          summary: `${seen.counted.replace(/^Demos\s*/, '')} match "${filterQuery}"`,
        };
        // Back to the whole list for the steps after this one (not timed).
        await box.fill('');
        await page.evaluate(() => window.__bench.waitFor(() => !/ of /.test(document.querySelector('.demos-toolbar h3')?.textContent ?? '')));
        return detail;
      }),
    );
  }

  steps.push(
    await step(page, sampler, 'export .json.gz (worker encode)', () =>
      page.evaluate(async () => {
        const startedAt = performance.now();
        const { bytes } = await window.__bench.callWorker('encode', {});
        const visibleAt = performance.now();
        window.__bench.exported = bytes;
        return { startedAt, visibleAt, settledAt: visibleAt, bytes: bytes.byteLength };
      }),
    ),
  );
  // Not part of the step: the bytes decode back to JSON that holds the edit.
  const check = await page.evaluate(async (mark) => {
    const text = await new Response(new Blob([window.__bench.exported]).stream().pipeThrough(new DecompressionStream('gzip'))).text();
    window.__bench.exported = undefined;
    return { rawChars: text.length, holdsEdit: text.includes(mark) };
  }, marker);
  Object.assign(steps[steps.length - 1], check);
  return steps;
}
