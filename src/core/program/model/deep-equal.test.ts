import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deepEqual } from './deep-equal';

describe('deepEqual', () => {
  it('agrees with JSON text equality on JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(deepEqual(a, b)).toBe(JSON.stringify(a) === JSON.stringify(b));
        expect(deepEqual(a, structuredClone(a))).toBe(true);
      }),
    );
  });
  it('counts key order, bytes and bigints', () => {
    expect(deepEqual({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
    expect(deepEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(deepEqual(new Uint8Array([1, 2]), [1, 2])).toBe(false);
    expect(deepEqual(2n ** 64n, 2n ** 64n)).toBe(true);
  });
});
