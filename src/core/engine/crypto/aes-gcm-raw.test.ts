import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { FormatError } from '../errors.ts';
import { decryptRaw, decryptRawAnyLayout, encryptRaw, importAesKey, RAW_LAYOUTS, type RawLayout } from './aes-gcm-raw.ts';

const key = new Uint8Array(randomBytes(32));
const plain = new TextEncoder().encode(JSON.stringify({ predict: { demos: [{ question: 'q', answer: 'a' }] } }));

/** Node's crypto as the other implementation: Ruby's OpenSSL writes iv + ct + tag the same way. */
function nodeEncrypt(p: Uint8Array, k: Uint8Array, layout: RawLayout): Uint8Array {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', k, iv);
  const ct = Buffer.concat([c.update(p), c.final()]);
  const tag = c.getAuthTag();
  return new Uint8Array(layout === 'iv-ct-tag' ? Buffer.concat([iv, ct, tag]) : Buffer.concat([iv, tag, ct]));
}

function nodeDecrypt(bytes: Uint8Array, k: Uint8Array, layout: RawLayout): Uint8Array {
  const b = Buffer.from(bytes);
  const iv = b.subarray(0, 12);
  const tag = layout === 'iv-ct-tag' ? b.subarray(b.length - 16) : b.subarray(12, 28);
  const ct = layout === 'iv-ct-tag' ? b.subarray(12, b.length - 16) : b.subarray(28);
  const d = createDecipheriv('aes-256-gcm', k, iv);
  d.setAuthTag(tag);
  return new Uint8Array(Buffer.concat([d.update(ct), d.final()]));
}

async function rejection(p: Promise<unknown>): Promise<FormatError> {
  const outcome = await p.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if ('value' in outcome) throw new Error(`expected an error, got output of ${String(outcome.value)}`);
  if (!(outcome.error instanceof FormatError)) throw outcome.error;
  return outcome.error;
}

describe('raw-key AES-256-GCM', () => {
  for (const layout of RAW_LAYOUTS) {
    it(`${layout}: our output decrypts with Node's crypto, and Node's with ours`, async () => {
      const ours = await encryptRaw(plain, key, layout);
      expect(ours.length).toBe(12 + plain.length + 16);
      expect(nodeDecrypt(ours, key, layout)).toEqual(plain);
      expect(await decryptRaw(nodeEncrypt(plain, key, layout), key, layout)).toEqual(plain);
    });
  }

  it('places IV, ciphertext and tag where each layout says', async () => {
    const iv = new Uint8Array(12).fill(7);
    const a = await encryptRaw(plain, key, 'iv-ct-tag', iv);
    const b = await encryptRaw(plain, key, 'iv-tag-ct', iv);
    expect(a.subarray(0, 12)).toEqual(iv);
    expect(b.subarray(0, 12)).toEqual(iv);
    expect(b.subarray(12, 28)).toEqual(a.subarray(a.length - 16));
    expect(b.subarray(28)).toEqual(a.subarray(12, a.length - 16));
  });

  it('round-trips any bytes with a CryptoKey or raw bytes, in both layouts', async () => {
    const cryptoKey = await importAesKey(key);
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), fc.constantFrom(...RAW_LAYOUTS), async (p, layout) => {
        const sealed = await encryptRaw(p, cryptoKey, layout);
        expect(await decryptRaw(sealed, key, layout)).toEqual(p);
        expect(nodeDecrypt(sealed, key, layout)).toEqual(p);
      }),
      { numRuns: 40 },
    );
  });

  it('finds the layout by trying both, since only the right one authenticates', async () => {
    for (const layout of RAW_LAYOUTS) {
      const found = await decryptRawAnyLayout(nodeEncrypt(plain, key, layout), key);
      expect(found).toEqual({ plain, layout });
    }
  });

  it('a wrong key gives wrong-key with the exact message and no output', async () => {
    const sealed = await encryptRaw(plain, key);
    const other = new Uint8Array(randomBytes(32));
    const e = await rejection(decryptRaw(sealed, other));
    expect(e.toInfo()).toEqual({ code: 'wrong-key', layer: 'aes-gcm', message: 'Wrong key or the file was changed' });
    expect((await rejection(decryptRawAnyLayout(sealed, other))).code).toBe('wrong-key');
  });

  it('the wrong layout fails like a wrong key', async () => {
    const sealed = await encryptRaw(plain, key, 'iv-ct-tag');
    expect((await rejection(decryptRaw(sealed, key, 'iv-tag-ct'))).code).toBe('wrong-key');
  });

  it('a flipped bit in the IV, ciphertext or tag gives wrong-key and no output', async () => {
    for (const layout of RAW_LAYOUTS) {
      const sealed = await encryptRaw(plain, key, layout);
      const regions = layout === 'iv-ct-tag' ? { iv: 3, ciphertext: 12 + 5, tag: sealed.length - 2 } : { iv: 3, tag: 12 + 4, ciphertext: 28 + 5 };
      for (const [region, at] of Object.entries(regions)) {
        const bad = sealed.slice();
        bad[at]! ^= 0x01;
        const e = await rejection(decryptRaw(bad, key, layout));
        expect(e.code, `${layout} ${region}`).toBe('wrong-key');
      }
    }
  });

  it('any single flipped bit is caught (property)', async () => {
    const sealed = await encryptRaw(plain, key);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: sealed.length * 8 - 1 }), async (bit) => {
        const bad = sealed.slice();
        bad[bit >> 3]! ^= 1 << (bit & 7);
        expect((await rejection(decryptRaw(bad, key))).code).toBe('wrong-key');
      }),
      { numRuns: 60 },
    );
  });

  it('a file shorter than IV + tag is truncated at its length', async () => {
    const sealed = await encryptRaw(plain, key);
    const e = await rejection(decryptRaw(sealed.subarray(0, 20), key));
    expect(e.code).toBe('truncated');
    expect(e.offset).toBe(20);
    // Cut anywhere after that, the tag no longer matches: raw files carry no length.
    expect((await rejection(decryptRaw(sealed.subarray(0, sealed.length - 1), key))).code).toBe('wrong-key');
  });

  it('refuses a key that is not 32 bytes', async () => {
    const e = await rejection(encryptRaw(plain, key.subarray(0, 31)));
    expect(e.message).toBe('A key must be 32 bytes: 64 hex characters or 44 base64 characters; this is 31 bytes');
  });

  it('encrypts an empty input to IV + tag', async () => {
    const sealed = await encryptRaw(new Uint8Array(0), key);
    expect(sealed.length).toBe(28);
    expect(await decryptRaw(sealed, key)).toEqual(new Uint8Array(0));
  });
});
