/**
 * Runs inputs in a worker thread under a watchdog: a time limit per input (the thread is terminated
 * and the input reported as a hang at the stage it was in), a heap limit (V8 ends the thread: a
 * memory blow-up), and a cap on the process's resident memory growth during the input, polled from
 * outside (typed arrays live outside the V8 heap, so the heap limit does not see an inflated bomb,
 * and a thread's own ArrayBuffer count is not visible from another thread). A dead thread is
 * replaced for the next input.
 */
import { Worker } from 'node:worker_threads';
import { STAGES, type Outcome } from './drive';
import type { WorkerReply, WorkerRequest } from './fuzz-worker';

export interface WatchdogOptions {
  /** Per input, in ms. */
  timeoutMs: number;
  /** V8 heap of the thread, in MB. */
  heapMb: number;
  /** Growth of the process's resident memory while one input runs, in MB. */
  growthMb: number;
}

export const DEFAULT_WATCHDOG: WatchdogOptions = { timeoutMs: 5000, heapMb: 512, growthMb: 512 };

type Pending = { resolve(o: Outcome): void };

export class Watchdog {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private readonly stage = new Int32Array(new SharedArrayBuffer(4));
  private nextId = 1;
  private pending: (Pending & { id: number }) | undefined;
  /** Set when the thread ended by itself: how the pending input ends. */
  private death: Outcome | undefined;
  /** A killed thread's end: its memory is only given back once it has exited. */
  private dying: Promise<unknown> | undefined;

  constructor(private readonly options: WatchdogOptions = DEFAULT_WATCHDOG) {}

  private start(): Promise<void> {
    const worker = new Worker(new URL('./fuzz-worker-boot.mjs', import.meta.url), {
      workerData: { stage: this.stage.buffer },
      resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb, maxYoungGenerationSizeMb: 64 },
      stdout: true,
      stderr: true,
    });
    // What the code under test logs is not the harness's output.
    worker.stdout.resume();
    worker.stderr.resume();
    this.worker = worker;
    this.ready = new Promise((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
    });
    worker.on('message', (m: WorkerReply | { ready: true }) => {
      if ('id' in m && this.pending?.id === m.id) this.settle(m.outcome);
    });
    worker.on('error', (e: Error & { code?: string }) => {
      if (this.worker !== worker) return;
      const memory = e.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.death = this.finding(memory ? 'memory' : 'crash', e.name, memory ? `heap over ${this.options.heapMb} MB` : e.message);
    });
    worker.on('exit', () => {
      // A thread the watchdog killed has had its input settled already.
      if (this.worker !== worker) return;
      this.worker = undefined;
      if (this.pending) this.settle(this.death ?? this.finding('crash', 'Exit', 'the worker thread exited'));
    });
    return this.ready;
  }

  private finding(finding: 'hang' | 'memory' | 'crash', name: string, message: string): Outcome {
    const stage = STAGES[Atomics.load(this.stage, 0)] ?? 'open';
    return { kind: 'finding', finding, stage, name, message, frame: `${finding}@${stage}` };
  }

  private settle(outcome: Outcome): void {
    const pending = this.pending;
    this.pending = undefined;
    pending?.resolve(outcome);
  }

  async run(input: Omit<WorkerRequest, 'id'>): Promise<Outcome> {
    await this.dying;
    if (!this.worker) await this.start();
    else await this.ready;
    const worker = this.worker!;
    const id = this.nextId++;
    this.death = undefined;
    Atomics.store(this.stage, 0, 0);
    const done = new Promise<Outcome>((resolve) => (this.pending = { id, resolve }));
    const started = Date.now();
    const baseline = process.memoryUsage.rss() / 2 ** 20;
    const poll = setInterval(() => {
      if (!this.pending || this.pending.id !== id) return;
      const growth = process.memoryUsage.rss() / 2 ** 20 - baseline;
      if (growth > this.options.growthMb) this.kill(this.finding('memory', 'ResidentMemory', `resident memory grew by more than ${this.options.growthMb} MB`));
      else if (Date.now() - started > this.options.timeoutMs) this.kill(this.finding('hang', 'Timeout', `no answer within ${this.options.timeoutMs} ms`));
    }, 20);
    worker.postMessage({ id, ...input } satisfies WorkerRequest);
    try {
      return await done;
    } finally {
      clearInterval(poll);
    }
  }

  /** Ends the thread and the pending input with `outcome`; the next run starts a new thread. */
  private kill(outcome: Outcome): void {
    const worker = this.worker;
    this.worker = undefined;
    this.settle(outcome);
    this.dying = worker?.terminate();
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }
}
