import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Buffer } from 'node:buffer';
import { concatBytes, fromBase64, fromHex, toBase64, toHex } from './encoding.ts';

describe('hex and base64', () => {
  it('agree with Node for any bytes, both ways', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        const buf = Buffer.from(bytes);
        expect(toHex(bytes)).toBe(buf.toString('hex'));
        expect(toBase64(bytes)).toBe(buf.toString('base64'));
        expect(toBase64(bytes, true)).toBe(buf.toString('base64url'));
        expect(fromHex(buf.toString('hex').toUpperCase())).toEqual(bytes);
        expect(fromBase64(buf.toString('base64'))).toEqual(bytes);
        expect(fromBase64(buf.toString('base64url'))).toEqual(bytes);
      }),
    );
  });
  it('refuses malformed text instead of guessing', () => {
    expect(fromHex('abc')).toBeNull();
    expect(fromHex('zz')).toBeNull();
    expect(fromBase64('a')).toBeNull();
    expect(fromBase64('ab+_')).toBeNull(); // mixed alphabets
    expect(fromBase64('abc=d')).toBeNull();
    expect(fromBase64('abc')).toEqual(new Uint8Array(Buffer.from('abc', 'base64')));
  });
  it('concatenates', () => {
    expect(concatBytes(Uint8Array.of(1), new Uint8Array(0), Uint8Array.of(2, 3))).toEqual(Uint8Array.of(1, 2, 3));
  });
});
