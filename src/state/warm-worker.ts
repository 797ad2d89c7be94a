/**
 * One spare document worker, kept warm for the next open. Starting a worker and compiling the
 * engine's code in it is most of what a small file costs to open, so the page does both while it
 * is idle and hands the spare to the next open; after each open a new spare is prepared. The worker
 * in use is the open's own: cancelling it never touches the spare, and a spare that failed its
 * warm-up is dropped for a fresh one.
 */
import { afterPaint } from './idle';

export interface Spareable {
  readonly terminated: boolean;
  terminate(): void;
}

export interface WarmWorkers<C> {
  /** The warm spare if there is one, otherwise a worker started now; either way it is the caller's. */
  take(): C;
  /** Starts a spare when the page is next idle, unless one is ready or on its way. */
  prepare(): void;
  /** Ends the spare (tests, or a page going away). */
  dispose(): void;
}

export type Schedule = (run: () => void) => void;

/** After the next paint, once the page is idle: a spare does not compete with the paint of an open. */
const idleSoon: Schedule = (run) => void afterPaint(run, 2000);

/** `start` makes a worker; `warm` gives it its warm-up call (a rejection drops the spare). */
export function createWarmWorkers<C extends Spareable>(start: () => C, warm: (client: C) => Promise<unknown>, schedule: Schedule = idleSoon): WarmWorkers<C> {
  let spare: C | undefined;
  let scheduled = false;
  let disposed = false;

  function startSpare(): void {
    scheduled = false;
    if (disposed || spare) return;
    const client = start();
    spare = client;
    warm(client).catch(() => {
      // A spare that cannot warm up would fail its open too: drop it, the next take starts afresh.
      // Once taken it is the open's: its own call reports what went wrong.
      if (spare !== client) return;
      spare = undefined;
      client.terminate();
    });
  }

  return {
    take() {
      const ready = spare && !spare.terminated ? spare : undefined;
      spare = undefined;
      return ready ?? start();
    },
    prepare() {
      if (disposed || scheduled || (spare && !spare.terminated)) return;
      scheduled = true;
      schedule(startSpare);
    },
    dispose() {
      disposed = true;
      spare?.terminate();
      spare = undefined;
    },
  };
}
