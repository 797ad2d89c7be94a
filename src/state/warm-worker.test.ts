import { describe, expect, it } from 'vitest';
import { createWarmWorkers } from './warm-worker';

class FakeWorker {
  terminated = false;
  warmed = false;
  constructor(readonly id: number) {}
  terminate(): void {
    this.terminated = true;
  }
}

function setup(warm: (w: FakeWorker) => Promise<unknown> = async (w) => void (w.warmed = true)) {
  const started: FakeWorker[] = [];
  const idle: Array<() => void> = [];
  const workers = createWarmWorkers(
    () => {
      const w = new FakeWorker(started.length + 1);
      started.push(w);
      return w;
    },
    warm,
    (run) => idle.push(run),
  );
  const runIdle = () => idle.splice(0).forEach((run) => run());
  return { workers, started, idle, runIdle };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('warm document workers', () => {
  it('starts the spare only when the page is idle, and warms it', async () => {
    const { workers, started, runIdle } = setup();
    workers.prepare();
    expect(started).toHaveLength(0);
    runIdle();
    await settle();
    expect(started).toHaveLength(1);
    expect(started[0]!.warmed).toBe(true);
  });

  it('hands the spare to the next open, and a new spare is prepared after it', () => {
    const { workers, started, runIdle } = setup();
    workers.prepare();
    runIdle();
    const first = workers.take();
    expect(first).toBe(started[0]);
    expect(started).toHaveLength(1);
    workers.prepare();
    runIdle();
    expect(started).toHaveLength(2);
    expect(workers.take()).toBe(started[1]);
  });

  it('starts a worker at once when no spare is ready, and never hands the same worker twice', () => {
    const { workers, started, runIdle } = setup();
    const a = workers.take();
    const b = workers.take();
    expect(a).not.toBe(b);
    expect(started).toHaveLength(2);
    workers.prepare();
    workers.prepare();
    runIdle();
    expect(started).toHaveLength(3);
  });

  it('cancelling the worker in use leaves the spare ready', () => {
    const { workers, started, runIdle } = setup();
    workers.prepare();
    runIdle();
    const inUse = workers.take();
    workers.prepare();
    runIdle();
    inUse.terminate();
    const next = workers.take();
    expect(next).toBe(started[1]);
    expect(next.terminated).toBe(false);
  });

  it('drops a spare whose warm-up failed and starts a fresh one for the open', async () => {
    const { workers, started, runIdle } = setup(() => Promise.reject(new Error('no')));
    workers.prepare();
    runIdle();
    await settle();
    expect(started[0]!.terminated).toBe(true);
    const w = workers.take();
    expect(w).toBe(started[1]);
    expect(w.terminated).toBe(false);
  });

  it('a spare taken before its warm-up failed is the open’s: it is not terminated under it', async () => {
    let fail: (e: Error) => void = () => undefined;
    const { workers, started, runIdle } = setup(() => new Promise((_, reject) => (fail = reject)));
    workers.prepare();
    runIdle();
    const w = workers.take();
    fail(new Error('late'));
    await settle();
    expect(w).toBe(started[0]);
    expect(w.terminated).toBe(false);
  });

  it('skips a spare that died on its own', () => {
    const { workers, started, runIdle } = setup();
    workers.prepare();
    runIdle();
    started[0]!.terminate();
    expect(workers.take()).toBe(started[1]);
  });
});
