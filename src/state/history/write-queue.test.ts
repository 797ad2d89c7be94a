/**
 * The write queue over a small simulated quota: the quota error is reported, nothing already stored
 * is lost, the failed batch stays queued in order, and freeing space lets it through.
 */
import { describe, expect, it } from 'vitest';
import { makeEntry } from '../../core/program/history/make-entry';
import type { HistoryEntry } from '../../core/program/history/history-types';
import { MemoryBackend } from './memory-backend';
import { WriteQueue, type QueueStatus } from './write-queue';

const DOC = 'a'.repeat(64);
let counter = 0;
function entry(label: string, size = 10): HistoryEntry {
  return makeEntry({
    docId: DOC,
    parent: null,
    kind: 'edit',
    label,
    ops: [{ op: 'replace', path: '/x', value: 'v'.repeat(size) }],
    tab: 't',
    time: 1000,
    counter: counter++,
  });
}

describe('WriteQueue', () => {
  it('batches entries written close together into one transaction', async () => {
    const backend = new MemoryBackend();
    let writes = 0;
    const write = backend.write.bind(backend);
    backend.write = (b) => (writes++, write(b));
    const runs: Array<() => void> = [];
    const q = new WriteQueue(backend, undefined, (run) => runs.push(run));
    q.add(entry('a'));
    q.add(entry('b'));
    q.add(entry('c'));
    expect(runs).toHaveLength(1); // one scheduled flush for the three
    runs[0]!();
    await q.flush();
    expect(writes).toBe(1);
    expect((await backend.listEntries(DOC)).map((e) => e.label).sort()).toEqual(['a', 'b', 'c']);
  });

  it('a quota error is reported, keeps the batch queued and loses nothing stored; freeing space lets it through', async () => {
    const backend = new MemoryBackend(2000);
    const doc = { id: DOC, name: 'p.json', size: 1200, recipe: [], firstOpened: 1, lastOpened: 1, hasOriginal: false };
    await backend.putOriginal(doc, new Uint8Array(1200));
    const statuses: QueueStatus[] = [];
    const q = new WriteQueue(
      backend,
      (s) => statuses.push(s),
      () => undefined,
    );
    q.add(entry('first'));
    await q.flush();
    const before = await backend.listEntries(DOC);
    expect(before.map((e) => e.label)).toEqual(['first']);

    q.add(entry('big', 900));
    q.add(entry('after'));
    await q.flush();
    const last = statuses.at(-1)!;
    expect(last.problem).toEqual({ quota: true, message: 'The browser’s storage for this page is full.' });
    expect(last.pending).toBe(2);
    expect(await backend.listEntries(DOC)).toEqual(before); // nothing stored was lost or half-written
    expect(backend.originals.get(DOC)?.length).toBe(1200);

    // No silent retries while the storage is full.
    q.add(entry('more'));
    expect(q.pendingEntries().map((e) => e.label)).toEqual(['big', 'after', 'more']);

    await backend.dropOriginal(DOC); // "free space": drop the original, keep the patches
    await q.retry();
    expect(statuses.at(-1)).toMatchObject({ pending: 0, saving: false });
    expect(statuses.at(-1)!.problem).toBeUndefined();
    expect((await backend.listEntries(DOC)).map((e) => e.label).sort()).toEqual(['after', 'big', 'first', 'more']);
    expect((await backend.getDocument(DOC))?.hasOriginal).toBe(false);
  });
});
