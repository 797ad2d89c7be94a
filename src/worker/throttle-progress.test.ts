import { describe, expect, it } from 'vitest';
import { throttleProgress } from './throttle-progress';
import type { Progress } from './protocol';

describe('throttleProgress', () => {
  it('passes new stages, whole-percent steps and the end of each stage, and drops the rest', () => {
    const posted: Progress[] = [];
    const progress = throttleProgress((p) => posted.push(p));
    for (let done = 0; done <= 10_000; done += 10) progress({ stage: 'read', done, total: 10_000 });
    progress({ stage: 'gzip', done: 0, total: 500 });
    progress({ stage: 'gzip', done: 500, total: 500 });
    expect(posted.filter((p) => p.stage === 'read')).toHaveLength(101);
    expect(posted.at(-3)).toEqual({ stage: 'read', done: 10_000, total: 10_000 });
    expect(posted.slice(-2).map((p) => p.done)).toEqual([0, 500]);
  });
});
