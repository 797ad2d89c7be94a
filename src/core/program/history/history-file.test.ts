/** A history file round-trips exactly, and a damaged one is refused with the reason. */
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../engine/checksum/sha256';
import { parseHistory, serializeHistory } from './history-file';
import type { DocumentRecord } from './history-types';
import { makeEntry } from './make-entry';
import { safeRecipe } from './safe-recipe';

async function bundle() {
  const original = new TextEncoder().encode('{"a": 1}\n');
  const id = await sha256Hex(original);
  const document: DocumentRecord = {
    id,
    name: 'p.json',
    size: original.length,
    recipe: [{ layer: 'json', options: {} }],
    firstOpened: 1,
    lastOpened: 2,
    hasOriginal: true,
  };
  const open = makeEntry({ docId: id, parent: null, kind: 'open', label: 'Opened', ops: [], tab: 't', time: 1, counter: 0 });
  const edit = makeEntry({
    docId: id,
    parent: open.id,
    kind: 'edit',
    label: 'Edit a',
    ops: [{ op: 'replace', path: '/a', value: { big: 12345678901234567890n, bytes: new Uint8Array([0, 1, 255]) } }],
    tab: 't',
    time: 2,
    counter: 1,
  });
  return { document, original, entries: [open, { ...edit, name: 'before release' }] };
}

describe('history file', () => {
  it('round-trips the original bytes, the entries and values JSON has no form for', async () => {
    const b = await bundle();
    const parsed = await parseHistory(serializeHistory(b));
    expect(parsed.original).toEqual(b.original);
    expect(parsed.entries).toEqual(b.entries);
    expect(parsed.document).toEqual(b.document);
  });

  it('refuses changed bytes, another format, a foreign entry and broken JSON, saying why', async () => {
    const b = await bundle();
    const text = serializeHistory(b);
    const file = JSON.parse(text);
    await expect(parseHistory(JSON.stringify({ ...file, original: 'AAAA' }))).rejects.toThrow(/do not match their SHA-256/);
    await expect(parseHistory(JSON.stringify({ ...file, format: 'other' }))).rejects.toThrow(/not a Program Studio history/);
    await expect(parseHistory(JSON.stringify({ ...file, version: 9 }))).rejects.toThrow(/version 9/);
    await expect(parseHistory(JSON.stringify({ ...file, entries: [{ ...file.entries[0], docId: 'x' }] }))).rejects.toThrow(
      /Entry 1 belongs to another document/,
    );
    await expect(parseHistory(text.slice(0, 40))).rejects.toThrow(/not JSON/);
  });

  it('a file without the original (dropped to free space) still imports its entries', async () => {
    const b = await bundle();
    const parsed = await parseHistory(serializeHistory({ document: b.document, entries: b.entries }));
    expect(parsed.original).toBeUndefined();
    expect(parsed.document.hasOriginal).toBe(false);
    expect(parsed.entries).toHaveLength(2);
  });

  it('recipes are stored without anything that could be key material', () => {
    const recipe = safeRecipe([
      { layer: 'aes-gcm', options: { layout: 'iv-ct-tag', key: new Uint8Array(32), passphrase: 'x', nested: { apiKey: 'k', ivLength: 12 } } },
      { layer: 'json', options: { indent: 2 } },
    ]);
    expect(recipe).toEqual([
      { layer: 'aes-gcm', options: { layout: 'iv-ct-tag', nested: { ivLength: 12 } } },
      { layer: 'json', options: { indent: 2 } },
    ]);
  });
});
