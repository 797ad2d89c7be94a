/**
 * The files in fixtures/crypto were written by other implementations (Node's crypto, and Ruby's
 * OpenSSL where the generator found Ruby) and by our container code; see
 * scripts/make-crypto-fixtures.mjs. Each must open with the committed key or passphrase.
 */
import { describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { readRepoFile } from '../../../test-support/real-fixtures.ts';
import { verifyChecksum } from '../checksum/verify.ts';
import { decryptRaw, decryptRawAnyLayout, type RawLayout } from './aes-gcm-raw.ts';
import { decryptWithPassphrase, readContainerHeader, sniffContainer } from './container.ts';
import { looksEncrypted } from './entropy.ts';
import { parseKey } from './parse-key.ts';

interface Entry {
  file: string;
  scheme: 'raw' | 'container';
  layout?: RawLayout;
  iterations?: number;
  plaintext: string;
  madeBy: string;
}

const dir = 'fixtures/crypto';
const manifest = JSON.parse(new TextDecoder().decode(readRepoFile(`${dir}/manifest.json`))) as { passphrase: string; key: string; files: Entry[] };
const key = parseKey(readRepoFile(`${dir}/${manifest.key}`));
const read = (name: string) => readRepoFile(`${dir}/${name}`);

describe('crypto fixtures', () => {
  it('lists every kind of file the generator always makes', () => {
    const made = manifest.files.map((f) => f.file);
    // program.json.ruby.enc was written by Ruby's OpenSSL (AES-256-GCM, iv + ciphertext + tag) and is kept
    // by the generator where Ruby is missing: it is the file no code of ours wrote.
    expect(made).toEqual(
      expect.arrayContaining([
        'program.json.enc',
        'program.json.gz.enc',
        'program.json.iv-tag-ct.enc',
        'program.json.psenc',
        'program.json.gz.psenc',
        'program.json.ruby.enc',
      ]),
    );
  });

  for (const entry of manifest.files) {
    it(`${entry.file} (${entry.madeBy}) opens to ${entry.plaintext} and matches its sidecar`, async () => {
      const bytes = read(entry.file);
      const expected = read(entry.plaintext);
      let plain: Uint8Array;
      if (entry.scheme === 'raw') {
        expect(sniffContainer(bytes)).toBe(false);
        expect(looksEncrypted(bytes)).toBe(true);
        plain = await decryptRaw(bytes, key, entry.layout);
        expect((await decryptRawAnyLayout(bytes, key)).layout).toBe(entry.layout);
      } else {
        expect(sniffContainer(bytes)).toBe(true);
        expect(readContainerHeader(bytes).iterations).toBe(entry.iterations);
        plain = await decryptWithPassphrase(bytes, manifest.passphrase);
      }
      expect(plain).toEqual(expected);
      if (entry.plaintext.endsWith('.gz')) {
        expect(new Uint8Array(gunzipSync(plain))).toEqual(read('program.json'));
      }
      const check = await verifyChecksum(bytes, new TextDecoder().decode(read(`${entry.file}.sha256`)), entry.file);
      expect(check.ok, check.message).toBe(true);
    });
  }

  it('the plaintext is a DSPy-like program', () => {
    const value = JSON.parse(new TextDecoder().decode(read('program.json'))) as Record<string, { demos?: unknown[] }>;
    expect(value['generate_answer.predict']?.demos).toHaveLength(2);
  });
});
