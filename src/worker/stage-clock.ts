/**
 * Times the stages of an open from its progress events: a stage runs from its first event until
 * the next stage's first event (or the end). The status bar and the benchmark show where time went.
 */
import type { Progress } from './protocol';

export class StageClock {
  private readonly starts: Array<[string, number]> = [];

  constructor(private readonly started = performance.now()) {}

  /** `onProgress`, with every new stage noted as it begins. */
  wrap(onProgress: (p: Progress) => void): (p: Progress) => void {
    return (p) => {
      if (this.starts.at(-1)?.[0] !== p.stage) this.starts.push([p.stage, performance.now()]);
      onProgress(p);
    };
  }

  stages(end = performance.now()): Array<[string, number]> {
    return this.starts.map(([stage, at], i) => [stage, Math.round((this.starts[i + 1]?.[1] ?? end) - at)]);
  }

  total(end = performance.now()): number {
    return Math.round(end - this.started);
  }
}
