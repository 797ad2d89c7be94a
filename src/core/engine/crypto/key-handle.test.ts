import { describe, expect, it } from 'vitest';
import { inspect } from 'node:util';
import { randomBytes } from 'node:crypto';
import { FormatError } from '../errors.ts';
import { encryptRaw } from './aes-gcm-raw.ts';
import { encryptWithPassphrase, readContainerHeader } from './container.ts';
import { KeyHandle, KeyRing, describeKeySource, type KeySource } from './key-handle.ts';

const keyBytes = new Uint8Array(randomBytes(32));
const passphrase = 'tr0ub4dor&3 is a passphrase nobody should see';
const plain = new TextEncoder().encode('{"demos":[{"customer":"secret"}]}');

/** Every printable form of the secrets; none may appear in anything handed out. */
const needles = [
  Buffer.from(keyBytes).toString('hex'),
  Buffer.from(keyBytes).toString('hex').toUpperCase(),
  Buffer.from(keyBytes).toString('base64').replace(/=+$/, ''),
  Buffer.from(keyBytes).toString('base64url'),
  Buffer.from(keyBytes).toString('latin1'),
  passphrase,
  Buffer.from(passphrase).toString('hex'),
  Buffer.from(passphrase).toString('base64').replace(/=+$/, ''),
];

function assertNoSecret(label: string, value: unknown): void {
  const forms = [JSON.stringify(value) ?? '', JSON.stringify(structuredClone(value)) ?? '', inspect(value, { depth: 10, showHidden: true }), String(value)];
  for (const text of forms) {
    for (const needle of needles) expect(text.includes(needle), `${label} leaks a secret`).toBe(false);
  }
}

describe('key handles', () => {
  it('hand out nothing that contains the key or passphrase, however it is serialised', async () => {
    const sources: KeySource[] = [{ from: 'file', name: 'team.key' }, { from: 'env', name: 'DESIRU_KEY' }, { from: 'typed' }];
    const ring = new KeyRing();
    const handedOut: Array<[string, unknown]> = [];
    for (const [i, source] of sources.entries()) {
      const raw = await KeyHandle.fromKeyText(Buffer.from(keyBytes).toString('hex'), source);
      const pass = await KeyHandle.fromPassphrase(passphrase, source);
      ring.set(`raw-${i}`, raw);
      ring.set(`pass-${i}`, pass);
      const rawOpened = await raw.open(await raw.seal(plain));
      const passOpened = await pass.open(await encryptWithPassphrase(plain, passphrase, { weakIterationsForTests: 1000 }));
      handedOut.push(
        ['raw handle', raw],
        ['raw reference', raw.reference],
        ['raw recipe', rawOpened.recipe],
        ['passphrase handle', pass],
        ['passphrase reference', pass.reference],
        ['passphrase recipe', passOpened.recipe],
        ['description', describeKeySource(source, 'passphrase')],
      );
    }
    handedOut.push(['ring', ring], ['ring references', ring.references()]);
    handedOut.push(['container header', readContainerHeader(await encryptWithPassphrase(plain, passphrase, { weakIterationsForTests: 1000 }))]);
    for (const [label, value] of handedOut) assertNoSecret(label, value);
    // The scan can see a secret when one is there: a guard against a test that passes vacuously.
    expect(() => assertNoSecret('control', { k: Buffer.from(keyBytes).toString('base64') })).toThrow();
  });

  it('opens what it sealed and reports the recipe, and a raw handle finds either layout', async () => {
    const handle = await KeyHandle.fromRawKey(keyBytes, { from: 'typed' });
    const sealed = await encryptRaw(plain, keyBytes, 'iv-tag-ct');
    expect(await handle.open(sealed)).toEqual({ plain, recipe: { scheme: 'raw', layout: 'iv-tag-ct' } });
    const resealed = await handle.seal(plain, { scheme: 'raw', layout: 'iv-tag-ct' });
    expect(await handle.open(resealed, { layout: 'iv-tag-ct' })).toEqual({ plain, recipe: { scheme: 'raw', layout: 'iv-tag-ct' } });
  });

  it('re-seals a weak container with at least the default iterations', async () => {
    const handle = await KeyHandle.fromPassphrase(passphrase, { from: 'typed' });
    const sealed = await handle.seal(plain, { scheme: 'container', kdf: 'pbkdf2-sha256', iterations: 1000 });
    expect(readContainerHeader(sealed).iterations).toBe(600_000);
  });

  it('describes where a key came from without its content', () => {
    expect(describeKeySource({ from: 'env', name: 'DESIRU_KEY' })).toBe('key from the environment variable DESIRU_KEY');
    expect(describeKeySource({ from: 'file', name: 'a.key' }, 'passphrase')).toBe('passphrase from the file a.key');
    expect(describeKeySource({ from: 'typed' })).toBe('key typed in');
  });

  it('forgets keys when a document closes, and asks again', async () => {
    const ring = new KeyRing();
    const handle = await KeyHandle.fromRawKey(keyBytes, { from: 'typed' });
    ring.set('doc', handle);
    const sealed = await handle.seal(plain);
    ring.drop('doc');
    expect(ring.has('doc')).toBe(false);
    expect(handle.dropped).toBe(true);
    const e = await handle.open(sealed).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(FormatError);
    expect((e as FormatError).code).toBe('needs-key');
    const other = await KeyHandle.fromRawKey(keyBytes, { from: 'typed' });
    ring.set('doc2', other);
    ring.clear();
    expect(other.dropped).toBe(true);
    expect(ring.size).toBe(0);
  });
});
