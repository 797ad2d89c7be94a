import { describe, expect, it } from 'vitest';
import { Buffer } from 'node:buffer';
import { parseKey } from './parse-key.ts';
import { errorOf } from '../../../test-support/errors';

const key = new Uint8Array(32).map((_, i) => (i * 37 + 11) & 255);
const hex = Buffer.from(key).toString('hex');

describe('parseKey', () => {
  it('reads 64 hex characters in either case, with surrounding whitespace', () => {
    expect(parseKey(hex)).toEqual(key);
    expect(parseKey(`  ${hex.toUpperCase()}\n`)).toEqual(key);
  });
  it('reads base64, standard and url-safe, padded or not', () => {
    const b64 = Buffer.from(key).toString('base64');
    expect(b64).toHaveLength(44);
    expect(parseKey(b64)).toEqual(key);
    expect(parseKey(Buffer.from(key).toString('base64url'))).toEqual(key);
    expect(parseKey(b64.replace(/=$/, ''))).toEqual(key);
  });
  it('takes a 32-byte file as the raw key, and a text key file as text', () => {
    expect(parseKey(key)).toEqual(key);
    expect(parseKey(new TextEncoder().encode(`${hex}\n`))).toEqual(key);
  });
  it('says how many bytes a wrong-sized key has', () => {
    const e = errorOf(() => parseKey(hex.slice(0, 62)));
    expect(e.code).toBe('invalid');
    expect(e.layer).toBe('key');
    expect(e.message).toBe('A key must be 32 bytes: 64 hex characters or 44 base64 characters; this is 31 bytes');
    expect(errorOf(() => parseKey(Buffer.from(key.subarray(0, 24)).toString('base64'))).message).toMatch(/this is 24 bytes$/);
    expect(errorOf(() => parseKey('')).message).toMatch(/this is empty$/);
    expect(errorOf(() => parseKey('not a key at all!')).message).toMatch(/neither hex nor base64$/);
    expect(errorOf(() => parseKey(Uint8Array.of(0xff, 0xfe, 0x00))).message).toMatch(/3 bytes and not text/);
  });
  it('never repeats the input in its message', () => {
    const almost = hex.slice(0, 60);
    expect(errorOf(() => parseKey(almost)).message).not.toContain(almost.slice(0, 16));
  });
});
