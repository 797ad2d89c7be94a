/** The difference between two values, applied to the first, gives the second: exactly, key order included. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyWithInverse } from '../model/patch';
import { diffValues } from './diff-values';

const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.integer(), fc.string({ maxLength: 4 }), fc.boolean(), fc.constant(null), tie('arr'), tie('obj')),
  arr: fc.array(tie('value'), { maxLength: 4 }),
  obj: fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd', '~x', 'e/f'), tie('value'), { maxKeys: 4 }),
})).value;

describe('diffValues', () => {
  it('property: applying the diff of a to b gives b, and leaves a untouched', () => {
    fc.assert(
      fc.property(json, json, (a, b) => {
        const before = JSON.stringify(a);
        const ops = diffValues(a, b);
        const got = applyWithInverse(a, ops).value;
        expect(JSON.stringify(got)).toBe(JSON.stringify(b));
        expect(JSON.stringify(a)).toBe(before);
      }),
      { numRuns: 500 },
    );
  });

  it('a removed item comes back as one add, a changed field as one replace', () => {
    const demos = Array.from({ length: 100 }, (_, i) => ({ q: `q${i}`, a: `a${i}` }));
    const without = demos.filter((_, i) => i !== 40);
    expect(diffValues({ demos: without }, { demos })).toEqual([{ op: 'add', path: '/demos/40', value: { q: 'q40', a: 'a40' } }]);
    const changed = demos.map((d, i) => (i === 7 ? { ...d, a: 'new' } : d));
    expect(diffValues({ demos }, { demos: changed })).toEqual([{ op: 'replace', path: '/demos/7/a', value: 'new' }]);
    expect(diffValues({ demos }, { demos })).toEqual([]);
  });
});
