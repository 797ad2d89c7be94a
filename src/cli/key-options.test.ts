import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { encryptRaw } from '../core/engine/crypto/aes-gcm-raw.ts';
import { encryptWithPassphrase } from '../core/engine/crypto/container.ts';
import { parseKeyOptions, resolveSecret, type SecretIo } from './key-options.ts';
import { errorOf } from '../test-support/errors';

const key = new Uint8Array(randomBytes(32));
const hex = Buffer.from(key).toString('hex');
const plain = new TextEncoder().encode('{"a":1}');

function io(files: Record<string, Uint8Array | string>, env: Record<string, string> = {}): SecretIo {
  return {
    env,
    async readFile(path) {
      const f = files[path];
      if (f === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return typeof f === 'string' ? new TextEncoder().encode(f) : f;
    },
  };
}

describe('parseKeyOptions', () => {
  it('takes each option in both spellings and leaves the rest in order', () => {
    expect(parseKeyOptions(['in.enc', '--key-file', 'k.key', '-o', 'out.json'])).toEqual({
      secret: { kind: 'raw-key', from: 'file', path: 'k.key' },
      rest: ['in.enc', '-o', 'out.json'],
    });
    expect(parseKeyOptions(['--key-env=DESIRU_KEY']).secret).toEqual({ kind: 'raw-key', from: 'env', name: 'DESIRU_KEY' });
    expect(parseKeyOptions(['--passphrase-env', 'PASS']).secret).toEqual({ kind: 'passphrase', from: 'env', name: 'PASS' });
    expect(parseKeyOptions(['--passphrase-file=p.txt']).secret).toEqual({ kind: 'passphrase', from: 'file', path: 'p.txt' });
    expect(parseKeyOptions(['a', 'b'])).toEqual({ rest: ['a', 'b'] });
    expect(parseKeyOptions(['--', '--key-file', 'x'])).toEqual({ rest: ['--', '--key-file', 'x'] });
  });

  it('refuses a secret on the command line, says why, and does not echo it', () => {
    for (const args of [['--key', hex], [`--key=${hex}`], ['--passphrase=hunter2'], ['--password', 'hunter2']]) {
      const e = errorOf(() => parseKeyOptions(args));
      expect(e.message).toMatch(/visible to other users in `ps` and stays in shell history/);
      expect(e.message).not.toContain(hex);
      expect(e.message).not.toContain('hunter2');
    }
  });

  it('refuses a missing value and two secrets at once', () => {
    expect(errorOf(() => parseKeyOptions(['--key-file'])).message).toBe('--key-file needs a value: a file path');
    expect(errorOf(() => parseKeyOptions(['--key-env', '--x'])).message).toBe('--key-env needs a value: an environment variable name');
    expect(errorOf(() => parseKeyOptions(['--key-env', 'A', '--passphrase-env', 'B'])).message).toBe(
      'Give one key or passphrase, not both --key-env and --passphrase-env',
    );
  });
});

describe('resolveSecret', () => {
  it('reads a key from a raw or text key file and from the environment', async () => {
    const sealed = await encryptRaw(plain, key);
    const files = { 'raw.key': key, 'hex.key': `${hex}\n` };
    for (const option of [
      { kind: 'raw-key', from: 'file', path: 'raw.key' },
      { kind: 'raw-key', from: 'file', path: 'hex.key' },
      { kind: 'raw-key', from: 'env', name: 'K' },
    ] as const) {
      const handle = await resolveSecret(option, io(files, { K: Buffer.from(key).toString('base64') }));
      expect((await handle.open(sealed)).plain).toEqual(plain);
    }
  });

  it('reads a passphrase, ignoring one trailing newline of a file', async () => {
    const sealed = await encryptWithPassphrase(plain, 'pass phrase ', { weakIterationsForTests: 1000 });
    const fromFile = await resolveSecret({ kind: 'passphrase', from: 'file', path: 'p' }, io({ p: 'pass phrase \r\n' }));
    expect((await fromFile.open(sealed)).plain).toEqual(plain);
    const fromEnv = await resolveSecret({ kind: 'passphrase', from: 'env', name: 'P' }, io({}, { P: 'pass phrase ' }));
    expect((await fromEnv.open(sealed)).plain).toEqual(plain);
    expect(fromEnv.reference.label).toBe('passphrase from the environment variable P');
  });

  it('says which variable or file is missing', async () => {
    await expect(resolveSecret({ kind: 'raw-key', from: 'env', name: 'NOPE' }, io({}))).rejects.toThrow('The environment variable NOPE is not set or is empty');
    await expect(resolveSecret({ kind: 'raw-key', from: 'file', path: 'x.key' }, io({}))).rejects.toThrow('The key file x.key was not read: it does not exist');
    await expect(resolveSecret({ kind: 'raw-key', from: 'env', name: 'K' }, io({}, { K: 'abcd' }))).rejects.toThrow(/this is 2 bytes$/);
  });
});
