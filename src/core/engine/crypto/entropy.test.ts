import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { byteEntropy, looksEncrypted } from './entropy.ts';

const json = new TextEncoder().encode(
  JSON.stringify({ predict: { demos: Array.from({ length: 40 }, (_, i) => ({ question: `What is ${i} + ${i}?`, answer: String(2 * i) })) } }),
);

describe('byteEntropy', () => {
  it('is 0 for empty or constant input and 8 for a uniform histogram', () => {
    expect(byteEntropy(new Uint8Array(0))).toBe(0);
    expect(byteEntropy(new Uint8Array(100).fill(65))).toBe(0);
    expect(byteEntropy(Uint8Array.from({ length: 256 }, (_, i) => i))).toBeCloseTo(8, 10);
    expect(byteEntropy(Uint8Array.of(0, 1, 0, 1))).toBeCloseTo(1, 10);
  });
  it('tells ciphertext from JSON', () => {
    expect(byteEntropy(new Uint8Array(randomBytes(65536)))).toBeGreaterThan(7.99);
    expect(byteEntropy(json)).toBeLessThan(5.5);
  });
});

describe('looksEncrypted', () => {
  it('says yes for random bytes of every size from IV + tag up', () => {
    for (const n of [28, 40, 100, 255, 256, 1000, 4096, 100_000]) {
      for (let k = 0; k < 20; k++) expect(looksEncrypted(new Uint8Array(randomBytes(n))), `n=${n}`).toBe(true);
    }
  });
  it('says no for text, base64 text, short input and zero padding', () => {
    expect(looksEncrypted(json)).toBe(false);
    expect(looksEncrypted(new TextEncoder().encode(Buffer.from(randomBytes(3000)).toString('base64')))).toBe(false);
    expect(looksEncrypted(new Uint8Array(randomBytes(27)))).toBe(false);
    expect(looksEncrypted(new Uint8Array(10_000))).toBe(false);
  });
  it('also says yes for compressed data, which is why layers that know a magic are asked first', () => {
    expect(looksEncrypted(gzipSync(Buffer.from(randomBytes(5000))))).toBe(true);
  });
});
