import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterPaint } from './idle';

describe('afterPaint', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('runs once a frame has painted, and not before', () => {
    vi.useFakeTimers();
    const frames: Array<() => void> = [];
    vi.stubGlobal('requestAnimationFrame', (cb: () => void) => frames.push(cb));
    const run = vi.fn();
    afterPaint(run, 500);
    vi.advanceTimersByTime(100);
    expect(run).not.toHaveBeenCalled();
    frames.shift()!();
    vi.advanceTimersByTime(60);
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('still runs in a hidden tab, where no frame is painted', () => {
    vi.useFakeTimers();
    vi.stubGlobal('requestAnimationFrame', () => 0);
    const run = vi.fn();
    afterPaint(run, 500);
    vi.advanceTimersByTime(600);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('runs nothing once cancelled', () => {
    vi.useFakeTimers();
    vi.stubGlobal('requestAnimationFrame', (cb: () => void) => cb());
    const run = vi.fn();
    afterPaint(run, 500)();
    vi.advanceTimersByTime(1000);
    expect(run).not.toHaveBeenCalled();
  });
});
