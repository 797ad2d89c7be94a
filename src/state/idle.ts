/**
 * Work that must happen but not before the user sees the file: run it when the page is idle, or
 * after the next paint and then idle. Where a browser has no requestIdleCallback (Safari, Node in the
 * unit tests) a short timer stands in.
 */

type IdleCallback = (cb: () => void, options: { timeout: number }) => number;

/** Runs `run` when the main thread is next idle, at the latest after `timeoutMs`. Answers a cancel. */
export function whenIdle(run: () => void, timeoutMs: number): () => void {
  let cancelled = false;
  const go = () => {
    if (!cancelled) run();
  };
  const ric = (globalThis as { requestIdleCallback?: IdleCallback }).requestIdleCallback;
  if (ric) ric(go, { timeout: timeoutMs });
  else setTimeout(go, Math.min(timeoutMs, 50));
  return () => {
    cancelled = true;
  };
}

/** Runs `run` once a frame has been painted with what is on the page now, then when idle. */
export function afterPaint(run: () => void, timeoutMs = 500): () => void {
  let cancelIdle: (() => void) | undefined;
  let cancelled = false;
  let started = false;
  const raf = (globalThis as { requestAnimationFrame?: (cb: () => void) => number }).requestAnimationFrame;
  // A task queued from a frame callback runs after that frame has painted.
  const painted = () =>
    setTimeout(() => {
      if (cancelled || started) return;
      started = true;
      cancelIdle = whenIdle(run, timeoutMs);
    }, 0);
  if (raf) raf(painted);
  else painted();
  // A hidden tab paints no frames: the work still happens, only later.
  const fallback = setTimeout(painted, timeoutMs);
  return () => {
    cancelled = true;
    clearTimeout(fallback);
    cancelIdle?.();
  };
}
