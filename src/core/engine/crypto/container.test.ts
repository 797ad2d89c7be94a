import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createDecipheriv, pbkdf2Sync } from 'node:crypto';
import { FormatError } from '../errors.ts';
import {
  CONTAINER_MAGIC,
  DEFAULT_ITERATIONS,
  HEADER_BYTES,
  decryptWithPassphrase,
  encryptWithPassphrase,
  importPassphrase,
  readContainerHeader,
  sniffContainer,
} from './container.ts';

const FAST = { weakIterationsForTests: 1000 };
const passphrase = 'correct horse battery staple';
const plain = new TextEncoder().encode('{"program":{"predict":{"signature":"question -> answer"}}}');

async function rejection(p: Promise<unknown>): Promise<FormatError> {
  const outcome = await p.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if ('value' in outcome) throw new Error('expected an error, got output');
  if (!(outcome.error instanceof FormatError)) throw outcome.error;
  return outcome.error;
}

describe('passphrase container', () => {
  it('round-trips, and its header reads back without the passphrase', async () => {
    const sealed = await encryptWithPassphrase(plain, passphrase, FAST);
    expect(sniffContainer(sealed)).toBe(true);
    expect(sealed.length).toBe(HEADER_BYTES + plain.length + 16);
    const header = readContainerHeader(sealed);
    expect(header).toMatchObject({ version: 1, kdf: 'pbkdf2-sha256', iterations: 1000, plaintextBytes: plain.length, totalBytes: sealed.length });
    expect(header.saltHex).toMatch(/^[0-9a-f]{32}$/);
    expect(await decryptWithPassphrase(sealed, passphrase)).toEqual(plain);
    expect(await decryptWithPassphrase(sealed, await importPassphrase(passphrase))).toEqual(plain);
  });

  it('matches the documented layout, checked with Node crypto', async () => {
    const salt = new Uint8Array(16).fill(0xa5);
    const iv = new Uint8Array(12).fill(0x3c);
    const sealed = await encryptWithPassphrase(plain, passphrase, { ...FAST, salt, iv });
    const b = Buffer.from(sealed);
    expect(b.subarray(0, 8)).toEqual(Buffer.from('\x89PSENC\r\n', 'latin1'));
    expect(b[8]).toBe(1);
    expect(b[9]).toBe(1);
    expect(b.readUInt32BE(10)).toBe(1000);
    expect(b.subarray(14, 30)).toEqual(Buffer.from(salt));
    expect(b.subarray(30, 42)).toEqual(Buffer.from(iv));
    expect(b.readBigUInt64BE(42)).toBe(BigInt(plain.length));
    const key = pbkdf2Sync(passphrase, salt, 1000, 32, 'sha256');
    const d = createDecipheriv('aes-256-gcm', key, iv);
    d.setAAD(b.subarray(0, 50));
    d.setAuthTag(b.subarray(b.length - 16));
    expect(new Uint8Array(Buffer.concat([d.update(b.subarray(50, b.length - 16)), d.final()]))).toEqual(plain);
  });

  it('uses 600,000 iterations by default and still round-trips', async () => {
    const sealed = await encryptWithPassphrase(plain, passphrase);
    expect(readContainerHeader(sealed).iterations).toBe(DEFAULT_ITERATIONS);
    expect(DEFAULT_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    expect(await decryptWithPassphrase(sealed, passphrase)).toEqual(plain);
  });

  it('refuses fewer iterations unless the test-only option says so', async () => {
    const e = await rejection(encryptWithPassphrase(plain, passphrase, { iterations: 1000 }));
    expect(e.code).toBe('invalid');
    expect(e.message).toMatch(/At least 600,000/);
  });

  it('normalises the passphrase, so composed and decomposed accents open the same file', async () => {
    const sealed = await encryptWithPassphrase(plain, 'caf\u00e9 cr\u00e8me', FAST);
    expect(await decryptWithPassphrase(sealed, 'cafe\u0301 cre\u0300me')).toEqual(plain);
  });

  it('a wrong passphrase gives wrong-key and no output', async () => {
    const sealed = await encryptWithPassphrase(plain, passphrase, FAST);
    const e = await rejection(decryptWithPassphrase(sealed, 'Correct horse battery staple'));
    expect(e.toInfo()).toEqual({ code: 'wrong-key', layer: 'container', message: 'Wrong key or the file was changed' });
  });

  describe('a flipped bit in each region gives a typed error and no output', async () => {
    const sealed = await encryptWithPassphrase(plain, passphrase, FAST);
    const cases: Array<[string, number, number, string]> = [
      ['magic', 0, 0x01, 'unknown-format'],
      ['magic (last byte)', 7, 0x01, 'unknown-format'],
      ['version', 8, 0x02, 'unsupported'],
      ['kdf id', 9, 0x04, 'unsupported'],
      ['iterations (low bit)', 13, 0x01, 'wrong-key'],
      ['iterations (high bit)', 10, 0x80, 'limit'],
      ['salt', 20, 0x10, 'wrong-key'],
      ['iv', 35, 0x01, 'wrong-key'],
      // Clearing a set bit of the length makes it claim fewer bytes; setting a clear one, more.
      ['length (says longer)', 49, ~plain.length & 0xff & -(~plain.length & 0xff), 'truncated'],
      ['length (says shorter)', 49, plain.length & -plain.length, 'corrupt'],
      ['ciphertext', HEADER_BYTES + 3, 0x01, 'wrong-key'],
      ['tag', sealed.length - 1, 0x80, 'wrong-key'],
    ];
    for (const [region, at, mask, code] of cases) {
      it(region, async () => {
        const bad = sealed.slice();
        bad[at]! ^= mask;
        const e = await rejection(decryptWithPassphrase(bad, passphrase, { maxIterations: 5000 }));
        expect(e.code).toBe(code);
        expect(e.layer).toBe('container');
        if (code === 'wrong-key') expect(e.message).toBe('Wrong key or the file was changed');
        if (code === 'unsupported' || code === 'limit') expect(e.offset).toBe(at < 10 ? at : 10);
      });
    }
  });

  it('any single flipped bit anywhere gives a typed error, never output (property)', async () => {
    const sealed = await encryptWithPassphrase(plain, passphrase, FAST);
    const typed = new Set(['unknown-format', 'unsupported', 'limit', 'truncated', 'corrupt', 'wrong-key']);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: sealed.length * 8 - 1 }), async (bit) => {
        const bad = sealed.slice();
        bad[bit >> 3]! ^= 1 << (bit & 7);
        const e = await rejection(decryptWithPassphrase(bad, passphrase, { maxIterations: 5000 }));
        expect(typed.has(e.code), `bit ${bit}: ${e.code}`).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('a truncated file names the byte where it ends, wherever it is cut', async () => {
    const sealed = await encryptWithPassphrase(plain, passphrase, FAST);
    for (const cut of [9, 20, HEADER_BYTES - 1, HEADER_BYTES, HEADER_BYTES + 5, sealed.length - 1]) {
      const e = await rejection(decryptWithPassphrase(sealed.subarray(0, cut), passphrase));
      expect(e.code, `cut at ${cut}`).toBe('truncated');
      expect(e.offset).toBe(cut);
    }
    expect(sniffContainer(sealed.subarray(0, 7))).toBe(false);
  });

  it('a changed version or KDF is unsupported before any passphrase is asked', () => {
    const fake = new Uint8Array(HEADER_BYTES + 16);
    fake.set(CONTAINER_MAGIC);
    fake[8] = 2;
    fake[9] = 1;
    expect(() => readContainerHeader(fake)).toThrow(/format version 2; this version of Program Studio reads version 1/);
    fake[8] = 1;
    fake[9] = 2;
    expect(() => readContainerHeader(fake)).toThrow(/key derivation function #2/);
  });

  it('caps the work and the size a hostile header can ask for', async () => {
    const sealed = await encryptWithPassphrase(plain, passphrase, FAST);
    expect(() => readContainerHeader(sealed, { maxIterations: 999 })).toThrow(/asks for 1,000 PBKDF2 iterations; the limit is 999/);
    expect(() => readContainerHeader(sealed, { maxOutputBytes: 10 })).toThrow(/the output limit is 10/);
    const zero = sealed.slice();
    zero.fill(0, 10, 14);
    expect(() => readContainerHeader(zero)).toThrow(/0 PBKDF2 iterations/);
  });
});
