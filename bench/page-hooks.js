// Injected before the app loads (page.addInitScript). Measures from inside the page; changes nothing
// the app does: long tasks, the document worker's replies (to size history entries and to call the
// worker's `encode` method), and a waiter that resolves when a condition holds after a paint.
(() => {
  const bench = (window.__bench = { longtasks: [], editReplies: [], replies: new Map(), marks: {} });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    bench.noLongtask = true;
  }
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(url, options) {
      super(url, options);
      if (options && options.name === 'document') {
        // The page keeps a warm spare beside the worker in use: the one to ask is the one that answered an open.
        bench.documentWorker ??= this;
        this.addEventListener('message', (e) => {
          const m = e.data;
          const waiter = m && bench.replies.get(m.id);
          if (waiter && (m.kind === 'result' || m.kind === 'error')) {
            bench.replies.delete(m.id);
            waiter(m.kind === 'result' ? m.result : { error: m.error });
            return;
          }
          if (!m || m.kind !== 'result') return;
          if (m.result && m.result.summary && m.result.program) bench.documentWorker = this;
          if (m.result && m.result.edit) {
            // The history entry an undo store keeps: the edit's ops, inverse and label.
            const json = JSON.stringify(m.result.edit);
            bench.editReplies.push({ at: performance.now(), bytes: new TextEncoder().encode(json).length });
          }
        });
      }
    }
  };
  /** Asks the document worker directly; the app's client ignores reply ids it did not send. */
  bench.callWorker = (method, params) =>
    new Promise((resolve) => {
      const id = 1e9 + Math.floor(Math.random() * 1e6);
      bench.replies.set(id, resolve);
      bench.documentWorker.postMessage({ id, method, params });
    });
  const afterPaint = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  /** Resolves to performance.now() after the paint that follows `test()` first holding. */
  bench.waitFor = (test, timeoutMs = 120000) =>
    new Promise((resolve, reject) => {
      let done = false;
      const finish = async () => {
        done = true;
        observer.disconnect();
        clearTimeout(timer);
        const dom = performance.now();
        await afterPaint();
        resolve({ dom, painted: performance.now() });
      };
      const observer = new MutationObserver(() => !done && test() && finish());
      const timer = setTimeout(() => {
        observer.disconnect();
        reject(new Error('timed out waiting'));
      }, timeoutMs);
      observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
      if (test()) finish();
    });
  bench.longtasksBetween = (from, to) => {
    const inside = bench.longtasks.filter((t) => t.start + t.duration >= from && t.start <= to);
    return { count: inside.length, longestMs: inside.reduce((m, t) => Math.max(m, t.duration), 0), totalMs: inside.reduce((n, t) => n + t.duration, 0) };
  };
})();
