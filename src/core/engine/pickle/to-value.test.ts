import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../errors.ts';
import { withLimits } from '../limits.ts';
import { fixture, fixtureJson, fixtureNames } from './fixture-files.test.ts';
import { readPickle } from './reader.ts';
import { pickleToValue } from './to-value.ts';

describe('pickleToValue', () => {
  it('turns the DSPy .pkl state into the same value tree as its JSON twin', () => {
    const value = pickleToValue(readPickle(fixture('dspy-state.pkl')).value);
    expect(value).toEqual(fixtureJson('dspy-state.json'));
    expect(JSON.stringify(value)).toBe(JSON.stringify(fixtureJson('dspy-state.json')));
  });
  it('keeps __proto__ and constructor keys as own data, like JSON.parse', () => {
    const value = pickleToValue(readPickle(fixture('values-proto-keys-p2.pkl')).value) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__', 'constructor', 'toString', 'hasOwnProperty']);
    expect(Object.getOwnPropertyDescriptor(value, '__proto__')?.value).toEqual({ polluted: true });
    expect((value as { polluted?: unknown }).polluted).toBeUndefined();
    expect(JSON.stringify(value)).toBe(
      JSON.stringify(JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":1},"toString":"x","hasOwnProperty":0}')),
    );
  });
  it('tags values JSON cannot hold', () => {
    const v = pickleToValue(readPickle(fixture('values-keys-p4.pkl')).value) as { $dict: unknown[] };
    expect(v.$dict[0]).toEqual([1, 'int key']);
    expect(v.$dict[1]).toEqual([[1, 2], 'tuple key']);
    const big = pickleToValue(readPickle(fixture('values-bigints-p2.pkl')).value) as unknown[];
    expect(big[2]).toEqual({ $int: '18446744073709551616' });
    const objs = pickleToValue(readPickle(fixture('values-objects-p3.pkl')).value) as unknown[];
    expect(objs[0]).toEqual({ $object: 'shapes.geometry.Point', state: { x: 1, y: 2.5 } });
    expect(objs[8]).toEqual({ question: 'q?', answer: 'a!' });
  });
  it('stops a memo-reuse bomb with a typed limit error', () => {
    const r = readPickle(fixture('hostile-billion-laughs.pkl'));
    const t0 = performance.now();
    expect(() => pickleToValue(r.value, { limits: withLimits({ maxKeys: 100_000 }) })).toThrow(/more than 100,000 values/);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
  it('stops deep nesting with a typed limit error, not a stack overflow', () => {
    const r = readPickle(fixture('hostile-deep-lists.pkl'));
    let err: unknown;
    try {
      pickleToValue(r.value);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FormatError);
    expect((err as FormatError).code).toBe('limit');
  });
  it('marks cycles instead of looping', () => {
    // l = []; l.append(l)  ->  ]q\x00h\x00a.
    const v = pickleToValue(readPickle(new Uint8Array([0x80, 2, 0x5d, 0x71, 0, 0x68, 0, 0x61, 0x2e])).value);
    expect(v).toEqual([{ $cycle: true }]);
  });
});

describe('property: any bytes end in a value or a FormatError', () => {
  const limits = withLimits({ maxOpcodes: 20_000, maxKeys: 20_000, maxMemo: 2_000, maxOutputBytes: 1 << 20, maxDepth: 64 });
  const seeds = fixtureNames()
    .filter((n) => n.endsWith('.pkl') && !n.startsWith('hostile-deep'))
    .map((n) => fixture(n));
  const check = (bytes: Uint8Array) => {
    try {
      const r = readPickle(bytes, { limits });
      pickleToValue(r.value, { limits });
    } catch (e) {
      if (!(e instanceof FormatError)) throw e;
    }
  };
  it('random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => check(b)),
      { numRuns: 2000 },
    );
  });
  it('random bytes after a protocol header', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), fc.uint8Array({ maxLength: 300 }), (p, b) => check(new Uint8Array([0x80, p, ...b]))),
      { numRuns: 2000 },
    );
  });
  it('mutated fixtures', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: seeds.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        fc.option(fc.nat()),
        (i, edits, cut) => {
          const b = (seeds[i] as Uint8Array).slice();
          for (const [at, v] of edits) b[at % b.length] = v;
          check(cut === null ? b : b.subarray(0, cut % (b.length + 1)));
        },
      ),
      { numRuns: 1500 },
    );
  });
});
