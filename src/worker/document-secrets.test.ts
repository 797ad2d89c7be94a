/**
 * The worker's side of encrypted documents: an open that wants a key keeps its bytes and is tried
 * again with one, a wrong key keeps it waiting, the secret serves export and history sealing, and
 * no secret ever comes back out in a result.
 */
import { createDecipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readRepoFile } from '../test-support/real-fixtures';
import { DocumentHost } from './document-host';
import { DocumentSecrets } from './document-secrets';

const dir = 'fixtures/crypto';
const manifest = JSON.parse(new TextDecoder().decode(readRepoFile(`${dir}/manifest.json`))) as { passphrase: string; key: string };
const keyFile = readRepoFile(`${dir}/${manifest.key}`);
const keyHex = new TextDecoder().decode(keyFile).trim();
const plain = readRepoFile(`${dir}/program.json`);

function source(name: string) {
  const b = readRepoFile(`${dir}/${name}`);
  return { kind: 'bytes' as const, bytes: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer, name };
}

const none = () => undefined;

async function lockedHost(name: string) {
  const host = new DocumentHost();
  await expect(host.open({ source: source(name) }, none)).rejects.toMatchObject({ code: name.endsWith('.psenc') ? 'needs-key' : 'maybe-encrypted' });
  return host;
}

describe('encrypted documents in the worker', () => {
  it('keeps a raw-key file waiting: wrong key, then the right key file opens it with no secret in the result', async () => {
    const host = await lockedHost('program.json.enc');
    expect(host.lockInfo()).toEqual({ name: 'program.json.enc', size: readRepoFile(`${dir}/program.json.enc`).length });
    await expect(host.unlock({ credentials: { key: 'ab'.repeat(32) } }, none)).rejects.toMatchObject({
      code: 'wrong-key',
      message: 'Wrong key or the file was changed',
    });
    await expect(host.unlock({ credentials: { key: 'abc' } }, none)).rejects.toMatchObject({ code: 'invalid', layer: 'key' });
    expect(() => host.text({ pointer: '', maxChars: 100 })).toThrow(/No document/);
    const opened = await host.unlock({ credentials: { key: keyFile, source: { from: 'file', name: 'fixture.key' } } }, none);
    expect(opened.summary.recipe.map((s) => s.layer)).toEqual(['aes-gcm', 'json']);
    expect(opened.encryption).toEqual({ scheme: 'raw', layout: 'iv-ct-tag', keyLabel: 'key from the file fixture.key' });
    expect(opened.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(opened)).not.toContain(keyHex);
    expect(host.text({ pointer: '', maxChars: 1e6 })).toEqual({ text: new TextDecoder().decode(plain) });
    expect(() => host.lockInfo()).toThrow(/No encrypted file/);
  });

  it('refuses a layout the user insisted on when the file is the other one', async () => {
    const host = await lockedHost('program.json.iv-tag-ct.enc');
    await expect(host.unlock({ credentials: { key: keyHex, layout: 'iv-ct-tag' } }, none)).rejects.toMatchObject({ code: 'wrong-key' });
    const opened = await host.unlock({ credentials: { key: keyHex, layout: 'iv-tag-ct' } }, none);
    expect(opened.encryption?.layout).toBe('iv-tag-ct');
  });

  it('shows a container’s KDF and cost before asking, and a wrong passphrase keeps it waiting', async () => {
    const host = await lockedHost('program.json.psenc');
    expect(host.lockInfo().container).toEqual({ kdf: 'PBKDF2-SHA-256', iterations: 1000 });
    await expect(host.unlock({ credentials: { passphrase: 'not it' } }, none)).rejects.toMatchObject({ code: 'wrong-key' });
    const opened = await host.unlock({ credentials: { passphrase: manifest.passphrase } }, none);
    expect(opened.encryption).toMatchObject({ scheme: 'container', iterations: 1000, keyLabel: 'passphrase typed in' });
  });

  it('exports with the document’s own key in the Ruby layout, which Node’s crypto decrypts to the same bytes', async () => {
    const host = new DocumentHost();
    await host.open({ source: source('program.json.enc'), credentials: { key: keyHex } }, none);
    const result = await host.export({ options: { compression: 'gzip' }, encryption: { scheme: 'raw', key: 'document' } });
    expect(result.recipe.map((s) => s.layer)).toEqual(['aes-gcm', 'gzip', 'json']);
    const b = Buffer.from(result.bytes);
    const d = createDecipheriv('aes-256-gcm', Buffer.from(keyHex, 'hex'), b.subarray(0, 12));
    d.setAuthTag(b.subarray(b.length - 16));
    const gz = Buffer.concat([d.update(b.subarray(12, b.length - 16)), d.final()]);
    const { gunzipSync } = await import('node:zlib');
    expect(JSON.parse(gunzipSync(gz).toString('utf8'))).toEqual(JSON.parse(new TextDecoder().decode(plain)));
    expect(JSON.stringify({ ...result, bytes: undefined })).not.toContain(keyHex);
  });

  it('exports with a new passphrase into the container, which opens again only with it', async () => {
    const host = new DocumentHost();
    await host.open({ source: source('program.json') }, none);
    await expect(host.export({ options: {}, encryption: { scheme: 'raw', key: 'document' } })).rejects.toMatchObject({ code: 'needs-key' });
    const result = await host.export({ options: {}, encryption: { scheme: 'container', passphrase: 'a new passphrase' } });
    expect(result.fileName).toBe('program.json.psenc');
    const again = new DocumentHost();
    const bytes = result.bytes.slice().buffer;
    await expect(again.open({ source: { kind: 'bytes', bytes, name: result.fileName } }, none)).rejects.toMatchObject({ code: 'needs-key' });
    expect(again.lockInfo().container).toEqual({ kdf: 'PBKDF2-SHA-256', iterations: 600_000 });
    const opened = await again.unlock({ credentials: { passphrase: 'a new passphrase' } }, none);
    expect(opened.program.modules.length).toBeGreaterThan(0);
  });

  it('hands the history a non-extractable key, and none for a plain file', async () => {
    const host = new DocumentHost();
    await host.open({ source: source('program.json.enc'), credentials: { key: keyHex } }, none);
    const { key } = await host.historyKey();
    expect(key?.extractable).toBe(false);
    expect(key?.algorithm).toMatchObject({ name: 'AES-GCM' });
    const plainHost = new DocumentHost();
    await plainHost.open({ source: source('program.json'), credentials: { key: keyHex } }, none);
    expect(await plainHost.historyKey()).toEqual({});
  });

  it('never serialises its secret', () => {
    const secrets = DocumentSecrets.from({ key: keyHex, source: { from: 'typed' } });
    expect(JSON.stringify(secrets)).toBe('{"kind":"raw-key","source":{"from":"typed"}}');
    expect(String(JSON.stringify({ secrets }))).not.toContain(keyHex);
  });
});
