import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DocumentHost } from './document-host';
import type { Progress } from './protocol';
import { readRepoFile } from '../test-support/real-fixtures';

function buffer(b: Uint8Array): ArrayBuffer {
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

describe('comparing in the document worker', () => {
  it('compares the open document with other bytes, follows its edits, and takes a demo across as one change', async () => {
    const json = readRepoFile('fixtures/pickle/dspy-state.json');
    const host = new DocumentHost();
    await host.open({ source: { kind: 'bytes', bytes: buffer(json), name: 'a.json' } }, () => undefined);
    await expect(host.compareWith({}, () => undefined)).rejects.toThrow(/pick a file first/);

    const other = JSON.parse(new TextDecoder().decode(json)) as Record<string, { demos: unknown[] }>;
    other['generate.predict']!.demos.push({ question: 'Largest ocean?', answer: 'Pacific' });
    const progress: Progress[] = [];
    const c = await host.compareWith({ source: { kind: 'bytes', bytes: buffer(new Uint8Array(gzipSync(JSON.stringify(other)))), name: 'b.json.gz' } }, (p) =>
      progress.push(p),
    );
    expect(c.summary).toBe('1 predictor: 1 changed, 0 unchanged; demos: 1 added.');
    expect(c.b.recipe).toBe('gzip → json');
    expect(progress.some((p) => p.stage.startsWith('Comparing'))).toBe(true);

    // Taken as one change, applied in the worker: the page records it, it does not apply it again.
    const { edit } = host.compareTake({ take: { kind: 'demo', aId: 'generate.predict', bId: 'generate.predict', b: 2 } });
    expect((await host.compareWith({}, () => undefined)).same).toBe(true);
    host.applyOps({ ops: edit.inverse });
    expect((await host.compareWith({}, () => undefined)).same).toBe(false);

    // A history version of the document itself: the original plus that version's ops.
    const v = await host.compareWith({ source: { kind: 'version', ops: edit.ops, label: 'version 2' } }, () => undefined);
    expect(v.b.label).toBe('version 2');
    expect(v.same).toBe(false);
    host.compareClose();
    await expect(host.compareWith({}, () => undefined)).rejects.toThrow(/pick a file first/);
  });
});
