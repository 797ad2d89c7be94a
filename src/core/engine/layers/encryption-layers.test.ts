/** The encryption layers inside the format engine: decode and encode through the real pipeline. */
import { describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { readRepoFile } from '../../../test-support/real-fixtures.ts';
import { FormatError } from '../errors.ts';
import { BUILTIN_LAYERS, LayerRegistry } from './registry.ts';
import { decodeBytes } from '../pipeline/decode.ts';
import { encodeDocument } from '../pipeline/encode.ts';
import { DEFAULT_LIMITS } from '../limits.ts';
import { aesGcmRawLayer } from './aes-gcm.ts';
import { passphraseContainerLayer } from './passphrase-container.ts';
import { readContainerHeader } from '../crypto/container.ts';
import { decryptRaw } from '../crypto/aes-gcm-raw.ts';
import { parseKey } from '../crypto/parse-key.ts';

const read = (name: string) => readRepoFile(`fixtures/crypto/${name}`);
const key = parseKey(read('fixture.key'));
const passphrase = 'correct horse battery staple';
const program = JSON.parse(new TextDecoder().decode(read('program.json'))) as unknown;

function registry(): LayerRegistry {
  return new LayerRegistry(BUILTIN_LAYERS);
}

async function failure(p: Promise<unknown>): Promise<FormatError> {
  const outcome = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(outcome instanceof FormatError)) throw new Error(`expected a FormatError, got ${String(outcome)}`);
  return outcome;
}

describe('encryption layers in the pipeline', () => {
  it('opens a raw-key file with the key and records only the layout', async () => {
    const doc = await decodeBytes(read('program.json.gz.enc'), { name: 'program.json.gz.enc', registry: registry(), credentials: { key } });
    expect(doc.recipe.map((s) => s.layer)).toEqual(['aes-gcm', 'gzip', 'json']);
    expect(doc.recipe[0]!.options).toEqual({ layout: 'iv-ct-tag' });
    expect(doc.value).toEqual(program);
    const other = await decodeBytes(read('program.json.iv-tag-ct.enc'), { registry: registry(), credentials: { key } });
    expect(other.recipe[0]!.options).toEqual({ layout: 'iv-tag-ct' });
  });

  it('without a key says the file may be encrypted', async () => {
    const e = await failure(decodeBytes(read('program.json.enc'), { registry: registry() }));
    expect(e.code).toBe('maybe-encrypted');
    expect(e.message).toMatch(/This may be encrypted: enter a key/);
  });

  it('a wrong key stops with the wrong-key error', async () => {
    const e = await failure(decodeBytes(read('program.json.enc'), { registry: registry(), credentials: { key: new Uint8Array(32) } }));
    expect(e.toInfo()).toEqual({ code: 'wrong-key', layer: 'aes-gcm', message: 'Wrong key or the file was changed' });
  });

  it('opens a container with the passphrase, and asks for one without it', async () => {
    const doc = await decodeBytes(read('program.json.gz.psenc'), { registry: registry(), credentials: { passphrase } });
    expect(doc.recipe.map((s) => s.layer)).toEqual(['psenc', 'gzip', 'json']);
    expect(doc.recipe[0]!.options).toEqual({ kdf: 'pbkdf2-sha256', iterations: 1000 });
    const e = await failure(decodeBytes(read('program.json.psenc'), { registry: registry() }));
    expect(e.code).toBe('needs-key');
    expect(e.message).toBe('This file is encrypted with a passphrase (PBKDF2-SHA-256, 1,000 iterations): enter the passphrase');
    const raw = await failure(decodeBytes(read('program.json.enc'), { registry: registry(), credentials: { passphrase } }));
    expect(raw.code).toBe('needs-key');
    expect(raw.message).toMatch(/enter the 32-byte key/);
  });

  it('encodes through a recipe: compress, then encrypt, and decodes back', async () => {
    const r = registry();
    const rawOut = await encodeDocument(
      {
        value: program,
        recipe: [
          { layer: 'aes-gcm', options: { layout: 'iv-tag-ct' } },
          { layer: 'gzip', options: { mtime: 0 } },
          { layer: 'json', options: {} },
        ],
      },
      { registry: r, credentials: { key } },
    );
    expect(JSON.parse(gunzipSync(await decryptRaw(rawOut, key, 'iv-tag-ct')).toString())).toEqual(program);
    const sealed = await encodeDocument(
      {
        value: program,
        recipe: [
          { layer: 'psenc', options: { iterations: 1000 } },
          { layer: 'json', options: {} },
        ],
      },
      { registry: r, credentials: { passphrase } },
    );
    expect(readContainerHeader(sealed).iterations).toBe(600_000);
    expect((await decodeBytes(sealed, { registry: r, credentials: { passphrase } })).value).toEqual(program);
  });

  it('refuses to write without the secret', async () => {
    const ctx = { limits: DEFAULT_LIMITS };
    expect((await failure(aesGcmRawLayer.encode(new Uint8Array(1), {}, ctx))).code).toBe('needs-key');
    expect((await failure(passphraseContainerLayer.encode(new Uint8Array(1), {}, ctx))).code).toBe('needs-key');
  });

  it('sniffs: the container by magic, raw ciphertext weakly, text not at all', () => {
    expect(passphraseContainerLayer.sniff(read('program.json.psenc'))).toBe(1);
    expect(aesGcmRawLayer.sniff(read('program.json.psenc'))).toBe(0);
    expect(aesGcmRawLayer.sniff(read('program.json.enc'))).toBeGreaterThan(0);
    expect(aesGcmRawLayer.sniff(read('program.json.enc'))).toBeLessThan(0.1);
    expect(aesGcmRawLayer.sniff(read('program.json'))).toBe(0);
  });
});
