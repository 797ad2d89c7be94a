import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deepEqual } from './deep-equal';
import { applyWithInverse } from './patch';
import { orderFixOps, reorderOps } from './key-order';

const keys = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'lm', 'metadata', '__proto__'), { minLength: 1 });

function objectOf(ks: readonly string[]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  ks.forEach((k, i) => Object.defineProperty(o, k, { value: { n: i }, enumerable: true, writable: true, configurable: true }));
  return o;
}

describe('key order as JSON Patch moves', () => {
  it('reorderOps gives exactly the wanted order and moves only from the first mismatch', () => {
    fc.assert(
      fc.property(
        keys.chain((ks) => fc.tuple(fc.constant(ks), fc.shuffledSubarray(ks, { minLength: ks.length }))),
        ([ks, wanted]) => {
          const obj = { x: objectOf(ks) };
          const ops = reorderOps(obj.x, wanted, '/x');
          const out = applyWithInverse(obj, ops).value as { x: Record<string, unknown> };
          expect(Object.keys(out.x)).toEqual(wanted);
          expect(ops.length).toBeLessThanOrEqual(ks.length);
        },
      ),
    );
  });

  it('orderFixOps restores the original order after an inverse re-appended keys', () => {
    fc.assert(
      fc.property(keys, fc.nat(), (ks, pick) => {
        const value = { root: objectOf(ks), other: [1, 2] };
        const key = ks[pick % ks.length] as string;
        const ops = [{ op: 'move' as const, from: `/root/${key}`, path: `/root/${key}` }];
        const forward = applyWithInverse(value, ops);
        const back = applyWithInverse(forward.value, forward.inverse).value;
        const fixed = applyWithInverse(back, orderFixOps(value, back)).value;
        expect(deepEqual(fixed, value)).toBe(true);
      }),
    );
  });
});
