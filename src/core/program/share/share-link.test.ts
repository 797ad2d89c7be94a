import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FormatError } from '../../engine/errors';
import { fromBase64, toBase64 } from '../../engine/crypto/encoding';
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
    const big = new TextEncoder().encode(
      JSON.stringify({ demos: Array.from({ length: 200 }, (_, i) => ({ question: `question ${i}`, answer: 'the same answer' })) }),
    );
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

  it('refuses a changed tail the inflater would ignore', () => {
    const raw = fromBase64(encodeShareLink({ name: 'program.json', bytes: program }))!;
    const longer = new Uint8Array(raw.length + 1);
    longer.set(raw.subarray(0, raw.length - 4));
    longer[raw.length - 4] = 0x55; // a byte after the deflate stream's last block
    longer.set(raw.subarray(raw.length - 4), raw.length - 3);
    expect(errorOf(() => decodeShareLink(toBase64(longer, true))).message).toMatch(/changed/);
  });

  it('refuses every changed character with a clear typed error', () => {
    const payload = encodeShareLink({ name: 'program.json', bytes: program });
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    // The last character also carries padding bits, which base64 decoders ignore: only the bits that
    // hold data must be protected there.
    const padBits = (payload.length * 6) % 8;
    let accepted = 0;
    for (let at = 0; at < payload.length; at++) {
      const old = alphabet.indexOf(payload[at]!);
      // Each single bit of the character, and all of them at once.
      for (const flip of [1, 2, 4, 8, 16, 32, 63]) {
        const value = old ^ flip;
        const tampered = payload.slice(0, at) + alphabet[value]! + payload.slice(at + 1);
        try {
          const decoded = decodeShareLink(tampered);
          expect(at).toBe(payload.length - 1);
          expect(flip >> padBits).toBe(0);
          expect(decoded.bytes).toEqual(program);
          accepted++;
        } catch (e) {
          expect(e).toBeInstanceOf(FormatError);
          expect((e as FormatError).layer).toBe('share-link');
          expect((e as FormatError).message).toMatch(/share link/);
        }
      }
    }
    expect(accepted).toBe(padBits === 0 ? 0 : padBits);
  });

  it('says which check failed', () => {
    const payload = encodeShareLink({ name: 'program.json', bytes: program });
    const raw = fromBase64(payload)!;

    const checksum = raw.slice();
    checksum[raw.length - 1] = checksum[raw.length - 1]! ^ 1;
    expect(errorOf(() => decodeShareLink(toBase64(checksum, true))).message).toMatch(/checksum/);

    const version = raw.slice();
    version[0] = SHARE_FORMAT_VERSION + 1;
    const v = errorOf(() => decodeShareLink(toBase64(version, true)));
    expect(v.code).toBe('unsupported');
    expect(v.message).toMatch(/version 2/);

    const huge = raw.slice();
    new DataView(huge.buffer).setUint32(1, 0xffffffff);
    expect(errorOf(() => decodeShareLink(toBase64(huge, true))).code).toBe('limit');

    expect(errorOf(() => decodeShareLink('')).code).toBe('truncated');
    expect(errorOf(() => decodeShareLink('not a link!')).message).toMatch(/characters/);
  });

  it('uses the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
});
