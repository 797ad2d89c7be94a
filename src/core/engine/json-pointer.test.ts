import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatPointer, getAtPointer, parsePointer } from './json-pointer';

describe('json pointers', () => {
  it('escape and unescape ~ and / in segments', () => {
    fc.assert(
      fc.property(fc.array(fc.string()), (segments) => {
        expect(parsePointer(formatPointer(segments))).toEqual(segments);
      }),
    );
  });
  it('walk objects and arrays, and treat __proto__ as an ordinary key', () => {
    const value = JSON.parse('{"a.b": [{"__proto__": {"x": 1}}], "m/n": 2}');
    expect(getAtPointer(value, '/a.b/0/__proto__/x')).toBe(1);
    expect(getAtPointer(value, '/m~1n')).toBe(2);
    expect(() => getAtPointer({}, '/constructor')).toThrow(/has no "constructor"/);
  });
  it('name the deepest existing path when a step is missing', () => {
    expect(() => getAtPointer({ a: [1] }, '/a/3')).toThrow('Nothing at /a/3: /a has no "3".');
  });
});
