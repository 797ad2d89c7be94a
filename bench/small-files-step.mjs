/**
 * Small files, as users have them: each real DSPy file (and the 1 MB program) dropped on a freshly
 * loaded page of a fresh profile that has gone idle, timed from the drop to the paint that shows the module tree and the
 * first demo card (or the empty list of a module without demos). Nearly every real DSPy file is under
 * 1 MB, so this fixed cost is what a user feels on every open.
 */
import { addPageHooks, openStep } from './app-steps.mjs';

/** No heap sampling here: one page per file, and the cost being measured is time. */
const noSampler = { start: async () => async () => ({ jsHeap: 0 }) };

export async function runSmallFiles(newContext, baseUrl, files, log) {
  const results = [];
  for (const f of files) {
    // A fresh context each: no history of the previous file ("pick up where you left off") on the page.
    const context = await newContext();
    await addPageHooks(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => console.log(`    [page error] ${f.name}: ${e.message}`));
    try {
      await page.goto(`${baseUrl}/`);
      await page.getByRole('heading', { name: /drop a program file/i }).waitFor();
      // A user drops a file on a page that has finished loading: wait for the network and an idle moment.
      await page.waitForLoadState('networkidle');
      await page.evaluate(() => new Promise((r) => requestIdleCallback(() => r(), { timeout: 2000 })));
      const s = await openStep(page, noSampler, {
        dataUrl: f.url,
        fileName: f.name,
        type: 'application/json',
        name: f.name,
        demoCard: 'any',
        timeoutMs: 20_000,
      });
      results.push({
        name: f.name,
        bytes: f.bytes,
        ...(f.program1mb ? { program1mb: true } : {}),
        wallMs: s.wallMs,
        workerOpenMs: s.workerOpenMs,
        openStages: s.openStages,
        longestTaskMs: s.longtasks.longestMs,
      });
    } catch (e) {
      results.push({ name: f.name, bytes: f.bytes, ...(f.program1mb ? { program1mb: true } : {}), error: String(e.message ?? e).split('\n')[0] });
      log(`    ${f.name}: ${String(e.message ?? e).split('\n')[0]}`);
    } finally {
      await context.close();
    }
  }
  // Median and worst over the real files; the 1 MB program has a target of its own.
  const times = results
    .filter((r) => r.wallMs !== undefined && !r.program1mb)
    .map((r) => r.wallMs)
    .sort((a, b) => a - b);
  const median = times.length ? (times[(times.length - 1) >> 1] + times[times.length >> 1]) / 2 : undefined;
  return {
    files: results,
    medianMs: median,
    worstMs: times.at(-1),
    failed: results.filter((r) => r.error).length,
    program1mb: results.find((r) => r.program1mb),
  };
}

/**
 * What a document worker costs to start: on a fresh page, `new Worker(url)` until its first reply (a
 * call to a method it does not have). The first start compiles the bundle; the next ones show what a
 * worker started ahead of time would save on every open. With a sample file, the same worker then
 * opens it twice: the first open runs the engine's code for the first time (cold), the second warm.
 */
export async function probeWorkerStart(newContext, baseUrl, workerPath, sample, times = 4) {
  const context = await newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    await page.waitForLoadState('networkidle');
    return await page.evaluate(
      async ([url, times, sample]) => {
        const call = (w, id, method, params) =>
          new Promise((resolve) => {
            w.onmessage = (e) => e.data?.id === id && e.data.kind !== 'progress' && resolve(e.data);
            w.onerror = resolve;
            w.postMessage({ id, method, params });
          });
        const starts = [];
        let kept;
        for (let i = 0; i < times; i++) {
          const t0 = performance.now();
          const w = new Worker(url, { type: 'module', name: 'probe' });
          await call(w, 1, '__probe', {});
          starts.push(performance.now() - t0);
          if (i === 0) kept = w;
          else w.terminate();
        }
        const opens = [];
        if (sample) {
          const bytes = await (await fetch(sample.url)).arrayBuffer();
          for (let i = 0; i < 2; i++) {
            const t0 = performance.now();
            const r = await call(kept, 10 + i, 'open', { source: { kind: 'bytes', bytes: bytes.slice(0), name: sample.name } });
            opens.push({ ms: performance.now() - t0, ok: r?.kind === 'result', stages: r?.result?.summary?.stages });
          }
        }
        kept.terminate();
        return { firstMs: starts[0], laterMs: starts.slice(1), ...(opens.length ? { coldOpen: opens[0], warmOpen: opens[1], sample: sample.name } : {}) };
      },
      [`${baseUrl}/${workerPath}`, times, sample],
    );
  } finally {
    await context.close();
  }
}
