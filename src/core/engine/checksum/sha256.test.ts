import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { sha256Hex } from './sha256.ts';

describe('sha256Hex', () => {
  it('gives the known digest of "abc" and of nothing', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256Hex(new Uint8Array(0))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
  it('agrees with Node for any bytes, including a view into a larger buffer', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 500 }), fc.nat(10), async (bytes, skip) => {
        const view = bytes.subarray(Math.min(skip, bytes.length));
        expect(await sha256Hex(view)).toBe(createHash('sha256').update(view).digest('hex'));
      }),
      { numRuns: 50 },
    );
  });
});
