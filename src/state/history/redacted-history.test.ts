/**
 * "Keep history without secrets": the worker hands the history a redacted original (stable, so the
 * same file maps to the same history), the ops that carry a secret are redacted before they are
 * stored, and the warning before a history export fires exactly when something would leave in clear.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseHistory, serializeHistory } from '../../core/program/history/history-file';
import type { DocumentRecord, HistoryEntry } from '../../core/program/history/history-types';
import { historyExportNeedsWarning, historySecrets, redactBundle, redactOps } from '../../core/program/history/redact-history';
import { decodeBytes } from '../../core/engine/pipeline/decode';
import { DocumentHost } from '../../worker/document-host';

const KEY = 'sk-proj-EXAMPLEEXAMPLEEXAMPLE';
const withKey = new Uint8Array(readFileSync('fixtures/programs/dspy-lm-api-key.json'));
const text = (b: Uint8Array | undefined) => new TextDecoder().decode(b);

async function opened(bytes: Uint8Array, name: string) {
  const host = new DocumentHost();
  await host.open({ source: { kind: 'bytes', bytes: bytes.slice().buffer, name } }, () => undefined);
  return host;
}

function record(over: Partial<DocumentRecord> = {}): DocumentRecord {
  return { id: 'a'.repeat(64), name: 'lm.json', size: 10, recipe: [], firstOpened: 1, lastOpened: 1, hasOriginal: true, ...over };
}

function entry(ops: HistoryEntry['ops'], over: Partial<HistoryEntry> = {}): HistoryEntry {
  return { id: `e${Math.random()}`, docId: 'a'.repeat(64), parent: null, time: 1, kind: 'edit', label: 'edit', ops, tab: 't', ...over };
}

describe('redacted originals', () => {
  it('are handed over instead of the file when asked, keyed by their own SHA-256, the same on every open', async () => {
    const clear = await (await opened(withKey, 'lm.json')).original({});
    expect(clear.secrets).toBe(1);
    expect(clear.secretKeys).toEqual(['api_key']);
    expect(text(clear.bytes)).toContain(KEY);

    const first = await (await opened(withKey, 'lm.json')).original({ redactSecrets: true });
    const second = await (await opened(withKey, 'lm.json')).original({ redactSecrets: true });
    expect(first).toMatchObject({ secrets: 0, redacted: 1, secretKeys: ['api_key'] });
    expect(text(first.bytes)).not.toContain(KEY);
    expect(text(first.bytes)).toContain('"api_key": "[REDACTED]"');
    expect(first.sha256).not.toBe(clear.sha256);
    expect(second.sha256).toBe(first.sha256);

    // Resumed from the redacted original, the document hashes to the same history.
    const resumed = await (await opened(first.bytes!, 'lm.json')).original({ redactSecrets: true });
    expect(resumed.sha256).toBe(first.sha256);
    expect(resumed.redacted).toBeUndefined();
  });

  it('keep the recipe: a gzip original is stored as gzip', async () => {
    const stored = await (await opened(gzipSync(withKey), 'lm.json.gz')).original({ redactSecrets: true });
    const back = await decodeBytes(stored.bytes!);
    expect(back.recipe.map((s) => s.layer)).toEqual(['gzip', 'json']);
    expect(back.text).not.toContain(KEY);
  });

  it('leave a file without secrets as it is', async () => {
    const plain = new TextEncoder().encode(JSON.stringify({ predict: { demos: [], signature: { instructions: 'x', fields: [] }, lm: null } }));
    const stored = await (await opened(plain, 'p.json')).original({ redactSecrets: true });
    expect(stored.bytes).toEqual(plain);
    expect(stored.secrets).toBe(0);
  });
});

describe('ops without secrets', () => {
  it('redact a secret set directly or inside a replaced value, and leave other ops alone', () => {
    const plain = { op: 'replace', path: '/predict/signature/instructions', value: 'Be terse.' } as const;
    const r = redactOps([
      plain,
      { op: 'replace', path: '/predict/lm/api_key', value: KEY },
      { op: 'add', path: '/predict', value: { lm: { model: 'm', api_key: KEY }, demos: [] } },
      { op: 'remove', path: '/predict/lm/api_key' },
    ]);
    expect(r.redacted).toBe(2);
    expect(r.ops[0]).toBe(plain);
    expect(JSON.stringify(r.ops)).not.toContain(KEY);
    expect(r.ops[2]).toEqual({ op: 'add', path: '/predict', value: { lm: { model: 'm', api_key: '[REDACTED]' }, demos: [] } });
  });
});

describe('the warning before a history export', () => {
  it('fires when the original holds secrets, when an entry carries one, or when the record cannot say', () => {
    const clean = [entry([{ op: 'replace', path: '/p/signature/instructions', value: 'x' }])];
    expect(historyExportNeedsWarning(historySecrets(record({ secrets: 0 }), clean))).toBe(false);
    expect(historyExportNeedsWarning(historySecrets(record({ secrets: 1 }), clean))).toBe(true);
    expect(historyExportNeedsWarning(historySecrets(record({ secrets: 0 }), [...clean, entry([{ op: 'replace', path: '/p/lm/api_key', value: KEY }])]))).toBe(
      true,
    );
    expect(historyExportNeedsWarning(historySecrets(record(), clean))).toBe(true);
    // A dropped original leaves nothing of it in the file.
    expect(historyExportNeedsWarning(historySecrets(record({ hasOriginal: false }), clean))).toBe(false);
    // Stored redacted: nothing to warn about.
    expect(historyExportNeedsWarning(historySecrets(record({ secrets: 0, redacted: 1 }), clean))).toBe(false);
  });

  it('offers a file without secrets that imports as its own document', async () => {
    const host = await opened(withKey, 'lm.json');
    const clear = await host.original({});
    const document = record({ id: clear.sha256, size: clear.bytes!.length, secrets: 1, secretKeys: ['api_key'] });
    expect(historySecrets(document, []).keys).toEqual(['api_key']);
    const entries = [entry([{ op: 'replace', path: '/predict/lm/api_key', value: `${KEY}-2` }], { docId: clear.sha256 })];
    const redacted = await host.redactedOriginal();
    const bundle = redactBundle({ document, original: clear.bytes!, entries }, redacted);
    const file = serializeHistory(bundle);
    expect(file).not.toContain(KEY);
    const back = await parseHistory(file);
    expect(back.document).toMatchObject({ id: redacted.sha256, secrets: 0, redacted: 1 });
    expect(back.entries[0]!.docId).toBe(redacted.sha256);
    expect(historyExportNeedsWarning(historySecrets(back.document, back.entries))).toBe(false);
  });
});
