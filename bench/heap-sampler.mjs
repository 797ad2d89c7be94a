/**
 * Peak memory while a step runs, two ways:
 *  - JS heap: CDP `Runtime.getHeapUsage` of the page AND of each of its dedicated workers (the
 *    document lives in a worker), sampled every `everyMs`. usedSize is V8's heap; backingStorageSize
 *    counts ArrayBuffer contents (the file and its inflated bytes). A sample waits while an isolate is
 *    busy (a JSON.parse cannot be interrupted), so the peak is sampled, not exact.
 *  - Renderer peak RSS: VmHWM of the renderer processes from /proc (Linux), reset per step through
 *    /proc/PID/clear_refs; it cannot miss a transient peak, but it counts everything, not just JS.
 * (`performance.measureUserAgentSpecificMemory` needs cross-origin isolation, which the app does not
 * have, so it is not used.)
 */
import { readFileSync, writeFileSync } from 'node:fs';

export async function attachHeapSampler(page, browser) {
  const cdp = await page.context().newCDPSession(page);
  const workers = new Map(); // sessionId -> { url, pending: Map<id, resolve> }
  const lastWorkers = new Map(); // sessionId -> last heap seen; a terminated worker drops out
  let nextId = 1;
  cdp.on('Target.attachedToTarget', ({ sessionId, targetInfo }) => {
    if (targetInfo.type === 'worker') workers.set(sessionId, { url: targetInfo.url, pending: new Map() });
  });
  cdp.on('Target.detachedFromTarget', ({ sessionId }) => {
    workers.delete(sessionId);
    lastWorkers.delete(sessionId);
  });
  cdp.on('Target.receivedMessageFromTarget', ({ sessionId, message }) => {
    const w = workers.get(sessionId);
    const msg = JSON.parse(message);
    w?.pending.get(msg.id)?.(msg.result);
    w?.pending.delete(msg.id);
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  const browserCdp = await browser.newBrowserCDPSession();

  const workerHeap = (sessionId, w) =>
    new Promise((resolve) => {
      const id = nextId++;
      w.pending.set(id, resolve);
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }) }).catch(() => resolve(undefined));
    });
  const total = (h) => (h ? h.usedSize + (h.backingStorageSize ?? 0) : 0);

  async function rendererPids() {
    try {
      const { processInfo } = await browserCdp.send('SystemInfo.getProcessInfo');
      return processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
    } catch {
      return [];
    }
  }
  const hwm = (pid) => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return m ? Number(m[1]) * 1024 : 0;
    } catch {
      return 0;
    }
  };

  return {
    /** Starts sampling; the returned stop() resolves to the peaks seen since. */
    async start(everyMs = 100) {
      const pids = await rendererPids();
      for (const pid of pids) {
        try {
          writeFileSync(`/proc/${pid}/clear_refs`, '5');
        } catch {
          /* not Linux, or not ours: RSS stays unreported */
        }
      }
      const peak = { pageHeap: 0, workerHeap: 0, jsHeap: 0, samples: 0 };
      const last = { page: 0, workers: lastWorkers };
      let running = true;
      let busyPage = false;
      const busyWorkers = new Set();
      const record = () => {
        const w = [...last.workers.values()].reduce((n, v) => n + v, 0);
        peak.pageHeap = Math.max(peak.pageHeap, last.page);
        peak.workerHeap = Math.max(peak.workerHeap, w);
        peak.jsHeap = Math.max(peak.jsHeap, last.page + w);
        peak.samples++;
      };
      const tick = () => {
        if (!running) return;
        if (!busyPage) {
          busyPage = true;
          cdp
            .send('Runtime.getHeapUsage')
            .then(
              (h) => {
                last.page = total(h);
                record();
              },
              () => undefined,
            )
            .finally(() => (busyPage = false));
        }
        for (const [sessionId, w] of workers) {
          if (busyWorkers.has(sessionId)) continue;
          busyWorkers.add(sessionId);
          workerHeap(sessionId, w).then((h) => {
            busyWorkers.delete(sessionId);
            if (h && workers.has(sessionId)) last.workers.set(sessionId, total(h));
            record();
          });
        }
        setTimeout(tick, everyMs);
      };
      tick();
      return async () => {
        running = false;
        // One last sample of each isolate once the step is over (the busy ones answer now).
        const h = await cdp.send('Runtime.getHeapUsage').catch(() => undefined);
        if (h) last.page = total(h);
        for (const [sessionId, w] of workers) {
          const wh = await Promise.race([workerHeap(sessionId, w), new Promise((r) => setTimeout(r, 5000))]);
          if (wh) last.workers.set(sessionId, total(wh));
        }
        record();
        const rss = Math.max(0, ...pids.map(hwm));
        return { ...peak, rendererPeakRss: rss || undefined };
      };
    },
    async detach() {
      await cdp.detach().catch(() => undefined);
      await browserCdp.detach().catch(() => undefined);
    },
  };
}
