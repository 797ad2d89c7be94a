/**
 * An encrypted document's history as stored: the original as it came (encrypted), entries sealed.
 * Everything written, and the history file made from it, is scanned for the key (hex, base64,
 * base64url, raw), the passphrase and the edited text: none is found. Without the key the entries
 * stay sealed; a clear entry of an encrypted document is refused, never stored.
 */
import { describe, expect, it } from 'vitest';
import { toBase64, toHex } from '../../core/engine/crypto/encoding';
import { serializeHistory, parseHistory } from '../../core/program/history/history-file';
import type { DocumentRecord, HistoryEntry } from '../../core/program/history/history-types';
import { makeEntry } from '../../core/program/history/make-entry';
import { readRepoFile } from '../../test-support/real-fixtures';
import { DocumentHost } from '../../worker/document-host';
import { MemoryBackend } from './memory-backend';
import { isSealed } from './sealed-entries';
import { SealingBackend } from './sealing-backend';

const dir = 'fixtures/crypto';
const manifest = JSON.parse(new TextDecoder().decode(readRepoFile(`${dir}/manifest.json`))) as { passphrase: string; key: string };
const keyHex = new TextDecoder().decode(readRepoFile(`${dir}/${manifest.key}`)).trim();
const keyBytes = Uint8Array.from(keyHex.match(/../g)!.map((h) => parseInt(h, 16)));
const SECRET_TEXT = 'a customer’s private answer 4711';

function bytesOf(name: string) {
  return readRepoFile(`${dir}/${name}`);
}

/** Everything stored, as one searchable text: JSON, with byte arrays as hex, base64 and Latin-1. */
function dump(memory: MemoryBackend): string {
  const parts: string[] = [];
  const visit = (v: unknown) =>
    JSON.stringify(v, (_k, x: unknown) =>
      x instanceof Uint8Array ? `${toHex(x)} ${toBase64(x)} ${String.fromCharCode(...x)}` : typeof x === 'bigint' ? String(x) : x,
    );
  for (const m of [memory.docs, memory.originals, memory.entries, memory.sessions]) for (const v of m.values()) parts.push(visit(v));
  return parts.join('\n');
}

function secretsIn(text: string, passphrase?: string): string[] {
  const needles = [
    keyHex,
    keyHex.toUpperCase(),
    toBase64(keyBytes),
    toBase64(keyBytes, true),
    String.fromCharCode(...keyBytes),
    SECRET_TEXT,
    ...(passphrase ? [passphrase] : []),
  ];
  return needles.filter((n) => text.includes(n));
}

async function openHost(file: string, credentials: { key?: string; passphrase?: string }) {
  const host = new DocumentHost();
  const b = bytesOf(file);
  const opened = await host.open({ source: { kind: 'bytes', bytes: b.slice().buffer, name: file }, credentials }, () => undefined);
  const { key } = await host.historyKey();
  return { host, opened, key: key!, original: b };
}

function entries(docId: string): HistoryEntry[] {
  const op = { op: 'replace' as const, path: '/generate_answer.predict/demos/0/answer', value: SECRET_TEXT };
  return [
    makeEntry({ docId, parent: null, kind: 'open', label: 'Opened', ops: [], tab: 't', time: 1, counter: 0 }),
    {
      ...makeEntry({ docId, parent: null, kind: 'edit', label: `Set answer to ${SECRET_TEXT}`, ops: [op], tab: 't', time: 2, counter: 1 }),
      name: 'named version',
    },
  ];
}

async function store(file: string, credentials: { key?: string; passphrase?: string }) {
  const { opened, key, original } = await openHost(file, credentials);
  const memory = new MemoryBackend();
  let loaded: CryptoKey | undefined = key;
  const backend = new SealingBackend(memory, { isEncrypted: () => true, keyOf: async () => loaded });
  const doc: DocumentRecord = {
    id: opened.sha256,
    name: file,
    size: original.length,
    recipe: opened.summary.recipe,
    firstOpened: 1,
    lastOpened: 1,
    hasOriginal: false,
  };
  await backend.putDocument(doc);
  await backend.putOriginal(doc, original);
  const made = entries(opened.sha256);
  await backend.write({ entries: made, sessions: [{ tab: 't', docId: doc.id, name: file, head: made[1]!.id, time: 3 }] });
  return { memory, backend, doc, made, original, drop: () => (loaded = undefined) };
}

describe('the history of an encrypted document', () => {
  it('stores the original as it came and the entries sealed; no key, passphrase or edited text anywhere', async () => {
    const { memory, backend, doc, made, original, drop } = await store('program.json.enc', { key: keyHex });
    expect(memory.originals.get(doc.id)).toEqual(original);
    expect([...memory.entries.values()].every(isSealed)).toBe(true);
    expect(secretsIn(dump(memory))).toEqual([]);
    // With the key in memory the timeline reads as it was written.
    expect(await backend.listEntries(doc.id)).toEqual(made);
    // The history file carries what is stored, sealed; and imports again.
    const file = serializeHistory({ document: doc, original, entries: await backend.storedEntries(doc.id) });
    expect(secretsIn(file)).toEqual([]);
    const bundle = await parseHistory(file);
    expect(bundle.entries.every(isSealed)).toBe(true);
    // Closed: the entries stay sealed, and nothing new is stored in clear.
    drop();
    expect((await backend.listEntries(doc.id)).every(isSealed)).toBe(true);
    const more = makeEntry({
      docId: doc.id,
      parent: made[1]!.id,
      kind: 'edit',
      label: 'x',
      ops: [{ op: 'add', path: '/x', value: SECRET_TEXT }],
      tab: 't',
      time: 4,
      counter: 2,
    });
    await expect(backend.write({ entries: [more], sessions: [] })).rejects.toMatchObject({ code: 'needs-key' });
    expect(memory.entries.size).toBe(2);
  });

  it('seals a passphrase document’s entries with a key derived once from it, and a rename stays sealed', async () => {
    const { memory, backend, doc, made } = await store('program.json.psenc', { passphrase: manifest.passphrase });
    await backend.putEntry({ ...made[1]!, name: `renamed ${SECRET_TEXT}` });
    expect(secretsIn(dump(memory), manifest.passphrase)).toEqual([]);
    expect((await backend.getEntry(doc.id, made[1]!.id))?.name).toBe(`renamed ${SECRET_TEXT}`);
  });

  it('does not open entries with another document’s key, and leaves plain documents alone', async () => {
    const { memory, doc } = await store('program.json.enc', { key: keyHex });
    const other = await openHost('program.json.psenc', { passphrase: manifest.passphrase });
    const foreign = new SealingBackend(memory, { isEncrypted: () => true, keyOf: async () => other.key });
    expect((await foreign.listEntries(doc.id)).every(isSealed)).toBe(true);
    const plain = new MemoryBackend();
    const pass = new SealingBackend(plain, { isEncrypted: () => false, keyOf: async () => undefined });
    await pass.write({ entries: entries('d'.repeat(64)), sessions: [] });
    expect([...plain.entries.values()].some(isSealed)).toBe(false);
  });
});
