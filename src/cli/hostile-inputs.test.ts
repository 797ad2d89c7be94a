import { describe, expect, it } from 'vitest';
import { run } from './main.ts';
import { memoryIo } from '../test-support/memory-io.ts';
import { gzipDilutedBomb, pickleMemoBomb } from '../test-support/hostile-inputs.ts';

describe('cli on hostile inputs', () => {
  it('stops a gzip past its budget with a limit naming the layer and the input byte', async () => {
    const m = memoryIo({ 'bomb.json.gz': gzipDilutedBomb() });
    expect(await run(['inspect', 'bomb.json.gz'], m.io)).toBe(1);
    expect(m.err()).toMatch(/^error \[gzip\] gzip output passes the limit of 75,513,280 bytes \(at input byte [\d,]+ of 1,179,895\)/);
  });

  it('--max-output raises or lowers the budget; a bad size is a usage error', async () => {
    const m = memoryIo({ 'bomb.bin.gz': gzipDilutedBomb(1 << 20, 2) });
    expect(await run(['inspect', 'bomb.bin.gz', '--max-output', '16M'], m.io)).toBe(1);
    expect(m.err()).toMatch(/^error \[gzip\] gzip output passes the limit of 16,777,216 bytes/);
    const big = memoryIo({ 'bomb.bin.gz': gzipDilutedBomb(1 << 20, 2) });
    expect(await run(['inspect', '--max-output=1G', 'bomb.bin.gz'], big.io)).toBe(1);
    expect(big.err()).not.toMatch(/\[gzip\]/);
    const bad = memoryIo();
    expect(await run(['inspect', 'x.json', '--max-output', 'lots'], bad.io)).toBe(2);
    expect(bad.err()).toMatch(/--max-output needs a size/);
  });

  it('refuses a 134-byte pickle memo bomb at its opcode, with its safety verdict', async () => {
    const m = memoryIo({ 'bomb.pkl': pickleMemoBomb() });
    expect(await run(['inspect', 'bomb.pkl'], m.io)).toBe(1);
    expect(m.err()).toMatch(/^error \[pickle\] APPENDS at byte 1\d\d: the pickle's shared references expand .* Its safety verdict: safe\./);
  });
});
