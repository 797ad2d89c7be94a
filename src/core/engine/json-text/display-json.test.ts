import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { displayJson, parseEditedJson } from './display-json';

describe('displayJson / parseEditedJson', () => {
  it('round-trip JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(displayJson(parseEditedJson(displayJson(v)))).toBe(displayJson(v));
      }),
    );
  });
  it('show big integers as digits, compact on request', () => {
    expect(displayJson({ n: 2n ** 70n }, '')).toBe('{"n":"1180591620717411303424"}');
  });
  it('name the place of a syntax error', () => {
    expect(() => parseEditedJson('{\n  "a": [1,, 2]\n}')).toThrow(/line 2, column/);
  });
});
