import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FormatError } from '../errors';
import { fromBase64, toBase64 } from '../crypto/encoding';
import { crc32 } from './crc32';
import { SHARE_FORMAT_VERSION, decodeShareLink, encodeShareLink } from './share-link';

const program = new TextEncoder().encode(JSON.stringify({ 'generate_answer.predict': { demos: [{ question: 'q', answer: 'a' }] } }, null, 2));

function errorOf(fn: () => unknown): FormatError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(FormatError);
    return e as FormatError;
  }
  throw new Error('expected a FormatError');
}

describe('share links', () => {
  it('round-trip any name and bytes', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.uint8Array({ maxLength: 4096 }), (name, bytes) => {
        const payload = encodeShareLink({ name, bytes });
        expect(payload).toMatch(/^[A-Za-z0-9_-]+$/);
        const back = decodeShareLink(payload);
        expect(back.bytes).toEqual(bytes);
        if (name !== '' && new TextEncoder().encode(name).length <= 255) expect(back.name).toBe(name);
      }),
    );
  });

  it('compresses a JSON program well below its size', () => {
    const big = new TextEncoder().encode(JSON.stringify({ demos: Array.from({ length: 200 }, (_, i) => ({ question: `question ${i}`, answer: 'the same answer' })) }));
    expect(encodeShareLink({ name: 'p.json', bytes: big }).length).toBeLessThan(big.length / 4);
  });

  it('cuts long names at 255 bytes without splitting a character', () => {
    const back = decodeShareLink(encodeShareLink({ name: 'é'.repeat(200), bytes: program }));
    expect(back.name).toBe('é'.repeat(127));
  });

  it('refuses every truncation with a clear typed error', () => {
    const payload = encodeShareLink({ name: 'program.json', bytes: program });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: payload.length - 1 }), (cut) => {
        const error = errorOf(() => decodeShareLink(payload.slice(0, cut)));
        expect(error.layer).toBe('share-link');
        expect(['truncated', 'corrupt']).toContain(error.code);
        expect(error.message).toMatch(/share link/);
      }),
    );
  });

  it('refuses any changed character with a clear typed error', () => {
    const payload = encodeShareLink({ name: 'program.json', bytes: program });
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    fc.assert(
      fc.property(fc.integer({ min: 0, max: payload.length - 1 }), fc.integer({ min: 1, max: 63 }), (at, shift) => {
        const old = payload[at]!;
        const replacement = alphabet[(alphabet.indexOf(old) + shift) % 64]!;
        const tampered = payload.slice(0, at) + replacement + payload.slice(at + 1);
        // The last character may only carry padding bits, which base64 decoders ignore.
        let decoded;
        try {
          decoded = decodeShareLink(tampered);
        } catch (e) {
          expect(e).toBeInstanceOf(FormatError);
          expect((e as FormatError).layer).toBe('share-link');
          return;
        }
        expect(at).toBe(payload.length - 1);
        expect(decoded.bytes).toEqual(program);
      }),
    );
  });

  it('says which check failed', () => {
    const payload = encodeShareLink({ name: 'program.json', bytes: program });
    const raw = fromBase64(payload)!;

    const checksum = raw.slice();
    checksum[1] = checksum[1]! ^ 1;
    expect(errorOf(() => decodeShareLink(toBase64(checksum, true))).message).toMatch(/checksum/);

    const version = raw.slice();
    version[0] = SHARE_FORMAT_VERSION + 1;
    const v = errorOf(() => decodeShareLink(toBase64(version, true)));
    expect(v.code).toBe('unsupported');
    expect(v.message).toMatch(/version 2/);

    const huge = raw.slice();
    new DataView(huge.buffer).setUint32(5, 0xffffffff);
    expect(errorOf(() => decodeShareLink(toBase64(huge, true))).code).toBe('limit');

    expect(errorOf(() => decodeShareLink('')).code).toBe('truncated');
    expect(errorOf(() => decodeShareLink('not a link!')).message).toMatch(/characters/);
  });

  it('uses the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
});
