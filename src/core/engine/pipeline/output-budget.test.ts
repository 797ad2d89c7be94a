import { rejection } from '../../../test-support/errors.ts';
import { describe, expect, it } from 'vitest';
import { MAX_OUTPUT_CAP, MIN_OUTPUT_BUDGET, limitsForInput, outputBudget } from '../limits.ts';
import { gzipDilutedBomb, gzipText } from '../../../test-support/hostile-inputs.ts';
import { decodeBytes } from './decode.ts';

describe('the output budget of a file', () => {
  it('grows with the file between a floor and a cap sized for a tab', () => {
    expect(outputBudget(1000)).toBe(MIN_OUTPUT_BUDGET);
    expect(outputBudget(2_100_000)).toBe(2_100_000 * 64);
    expect(outputBudget(2_100_000)).toBeLessThan((1.9 * 1024 ** 3) / 10);
    expect(outputBudget(50_000_000)).toBe(MAX_OUTPUT_CAP);
    expect(limitsForInput(10, { maxOutputBytes: 5 }).maxOutputBytes).toBe(5);
  });

  it('stops a 1.1 MB gzip that inflates to 129 MiB at its budget, as a limit naming the layer and offset', async () => {
    const bomb = gzipDilutedBomb();
    // Under the ratio cap: only the budget can stop it.
    expect((129 << 20) / bomb.length).toBeLessThan(1000);
    const e = await rejection(decodeBytes(bomb, { name: 'bomb.json.gz' }));
    expect(e.code).toBe('limit');
    expect(e.layer).toBe('gzip');
    expect(e.message).toContain(`passes the limit of ${outputBudget(bomb.length).toLocaleString('en-US')} bytes`);
    expect(e.offset).toBeGreaterThan(0);
    expect(e.offset).toBeLessThanOrEqual(bomb.length);
  });

  it('lets a caller raise the budget (the CLI --max-output)', async () => {
    const bomb = gzipDilutedBomb(1 << 20, 2);
    await expect(decodeBytes(bomb, { name: 'bomb.bin.gz', limits: { maxOutputBytes: 16 << 20 } })).rejects.toMatchObject({ code: 'limit', layer: 'gzip' });
    const e = await rejection(decodeBytes(bomb, { name: 'bomb.bin.gz', limits: { maxOutputBytes: 1 << 30 } }));
    expect(e.layer).not.toBe('gzip');
  });

  it('still opens an ordinary gzip file', async () => {
    const doc = await decodeBytes(gzipText('{"a": [1, 2, 3]}'), { name: 'x.json.gz' });
    expect(doc.value).toEqual({ a: [1, 2, 3] });
  });
});
