/**
 * The session end to end, with a real document host in place of the worker: every kind of change
 * lands in the history under its own kind, undo and redo work across kinds, and a refused change
 * leaves document, undo stacks and history exactly as they were.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { EntryKind } from '../../core/program/history/history-types';
import { readRepoFile } from '../../test-support/real-fixtures';
import type { DocumentClient } from '../../worker/document-client';
import { DocumentHost } from '../../worker/document-host';
import type { WorkerMethods } from '../../worker/protocol';
import { useHistoryStore } from '../history-store';
import { useSelectionStore } from '../selection-store';
import { stackCounts } from '../../core/program/history/undo-stacks';
import { commit, openAsCopy, replay } from './commit';
import { restoreVersion } from './history-actions';
import { useSession } from './session-store';

/** A client that calls a DocumentHost in this thread: the same host the worker serves. */
function inProcess(host: DocumentHost): DocumentClient {
  const methods = host as unknown as Record<string, (params: unknown, onProgress: () => void) => unknown>;
  return {
    terminated: false,
    call: async (method, params) => methods[method]!.call(host, params, () => undefined) as never,
    terminate: () => undefined,
  } as DocumentClient;
}

async function openFixture(path: string): Promise<{ host: DocumentHost; client: DocumentClient }> {
  const bytes = readRepoFile(path);
  const host = new DocumentHost();
  const params: WorkerMethods['open'][0] = { source: { kind: 'bytes', bytes: bytes.slice().buffer, name: path.split('/').pop()! } };
  const opened = await host.open(params, () => undefined);
  const client = inProcess(host);
  const result = await commit('open', { client, opened });
  expect(result.ok).toBe(true);
  // The history line starts once the worker has hashed the bytes.
  await vi.waitFor(() => expect(useHistoryStore.getState().docId).toBeDefined());
  return { host, client };
}

const kinds = (): EntryKind[] => useHistoryStore.getState().entries.map((e) => e.kind);
const labels = (): string[] => useHistoryStore.getState().entries.map((e) => e.label);

async function moduleFile(client: DocumentClient, moduleId: string): Promise<{ bytes: ArrayBuffer; name: string }> {
  const out = await client.call('exportModule', { moduleId, options: {} });
  return { bytes: out.bytes.slice().buffer, name: out.fileName };
}

describe('session', () => {
  beforeAll(() => {
    expect(typeof indexedDB).toBe('undefined'); // the history lives in memory here
  });

  it('records each change with its own kind: open, edit, migration, import, export, undo, redo, restore', async () => {
    const { client } = await openFixture('fixtures/programs/dspy-era-b.json');
    expect(kinds()).toEqual(['open']);

    const edited = await commit('edit', { request: { kind: 'instructions', moduleId: 'generate_answer', text: 'Answer in one word.' } });
    expect(edited.ok).toBe(true);
    const migrated = await commit('migration', { target: '3.x' });
    expect(migrated.ok && migrated.edit.label).toMatch(/^Migrate DSPy/);
    expect(useSession.getState().program?.era).toBe('F');

    const file = await moduleFile(client, 'generate_answer.predict');
    const imported = await commit('import', { ...file, asName: 'second_answer' });
    expect(imported.ok && imported.edit.label).toBe('Import module second_answer');
    expect(useSession.getState().program?.modules.map((m) => m.id)).toContain('second_answer');

    const exported = await commit('export', { options: {} });
    expect(exported.ok && exported.fileName).toBe('dspy-era-b.json');
    expect(kinds()).toEqual(['open', 'edit', 'migration', 'import', 'export']);
    expect(labels()[4]).toBe('Exported as dspy-era-b.json');
    expect(useSession.getState().past.map((s) => s.kind)).toEqual(['edit', 'migration', 'import']);

    // Undo across kinds: the import, then the migration; redo brings the migration back.
    await commit('undo', {});
    await commit('undo', {});
    expect(useSession.getState().program?.era).toBe('B');
    expect(useSession.getState().program?.modules.map((m) => m.id)).not.toContain('second_answer');
    await commit('redo', {});
    expect(useSession.getState().program?.era).toBe('F');
    expect(useSession.getState().past.map((s) => s.kind)).toEqual(['edit', 'migration']);
    expect(useSession.getState().future.map((s) => s.kind)).toEqual(['import']);
    expect(kinds()).toEqual(['open', 'edit', 'migration', 'import', 'export', 'undo', 'undo', 'redo']);
    expect(labels().slice(5)).toEqual([
      'Undo: Import module second_answer',
      expect.stringMatching(/^Undo: Migrate DSPy/),
      expect.stringMatching(/^Redo: Migrate DSPy/),
    ]);

    // Restore the version as opened: one new `restore` step on top, undoable like any other.
    const opened = useHistoryStore.getState().entries[0]!;
    await restoreVersion(opened.id);
    expect(kinds().at(-1)).toBe('restore');
    expect(useSession.getState().program?.era).toBe('B');
    expect(useSession.getState().past.at(-1)?.kind).toBe('restore');
    await commit('undo', {});
    expect(useSession.getState().program?.era).toBe('F');
    expect(kinds().at(-1)).toBe('undo');
  });

  it('leaves document, undo and history as they were when a change fails', async () => {
    const { client } = await openFixture('fixtures/programs/dspy-era-f.json');
    await commit('edit', { request: { kind: 'instructions', moduleId: 'agent.extract.predict', text: 'Be brief.' } });
    // Everything this file's history holds is loaded (an earlier test may have stored some of it).
    await useHistoryStore.getState().flush();
    await vi.waitFor(() => expect(kinds().at(-1)).toBe('edit'));
    const before = useSession.getState();
    const history = useHistoryStore.getState().entries;
    const text = await client.call('text', { pointer: '', maxChars: 1e7 });

    const failures = [
      await commit('edit', { request: { kind: 'replace-module', moduleId: 'agent.extract.predict', json: '{"demos": 3}' } }),
      await commit('edit', { request: { kind: 'demo-field', moduleId: 'agent.extract.predict', demoIndex: 99, field: 'answer', value: 'x' } }),
      await commit('migration', { target: 'no-such-version' }),
      await commit('import', { bytes: new TextEncoder().encode('not a module').buffer, name: 'junk.json' }),
      await commit('restore', { ops: [{ op: 'remove', path: '/nothing' }], label: 'Restore nothing' }),
      await commit('export', { options: {}, module: { moduleId: 'no-such-module' } }),
    ];
    for (const f of failures) expect(f).toMatchObject({ ok: false, error: { message: expect.any(String) } });

    const after = useSession.getState();
    expect(after.program).toBe(before.program);
    expect(after.revision).toBe(before.revision);
    expect(after.past).toBe(before.past);
    expect(after.future).toBe(before.future);
    expect(useHistoryStore.getState().entries).toEqual(history);
    expect(await client.call('text', { pointer: '', maxChars: 1e7 })).toEqual(text);
  });

  it('starts a new undo history, selection and history line for each document opened', async () => {
    await openFixture('fixtures/programs/dspy-era-b.json');
    await commit('edit', { request: { kind: 'instructions', moduleId: 'generate_answer', text: 'Be brief.' } });
    const generation = useSession.getState().generation;
    await openFixture('fixtures/programs/envelope-1.1.0.json');
    const session = useSession.getState();
    expect(session.generation).toBe(generation + 1);
    expect(session.past).toEqual([]);
    expect(session.program?.ecosystem).not.toBe('dspy');
    expect(useSelectionStore.getState().moduleId).toBe(session.program?.modules.find((m) => m.demoCount > 0)?.id ?? session.program?.modules[0]?.id);
    expect(kinds()).toEqual(['open']);
  });

  it('records a demo taken from a compared program as an edit, undone like any other', async () => {
    const { client } = await openFixture('fixtures/programs/dspy-era-f.json');
    const other = JSON.parse(new TextDecoder().decode(readRepoFile('fixtures/programs/dspy-era-f.json'))) as Record<string, { demos: unknown[] }>;
    other['agent.react']!.demos.push({ question: 'Largest ocean?', answer: 'Pacific' });
    const bytes = new TextEncoder().encode(JSON.stringify(other)).buffer;
    expect((await client.call('compareWith', { source: { kind: 'bytes', bytes, name: 'other.json' } })).same).toBe(false);
    const taken = await commit('edit', { take: { kind: 'demo', aId: 'agent.react', bId: 'agent.react', b: 1 } });
    expect(taken.ok && taken.edit.label).toBe('Take demo 2 of agent.react from other.json');
    // An earlier test opened this file too: its stored line comes first, this one goes on from there.
    expect(useHistoryStore.getState().entries.at(-1)).toMatchObject({ kind: 'edit', label: 'Take demo 2 of agent.react from other.json' });
    expect(useSession.getState().program?.modules.find((m) => m.id === 'agent.react')?.demoCount).toBe(2);
    await commit('undo', {});
    expect(useSession.getState().program?.modules.find((m) => m.id === 'agent.react')?.demoCount).toBe(1);
    expect(kinds().slice(-2)).toEqual(['edit', 'undo']);
  });

  it('records an open before its original is stored, and an edit made at once after it chains to it', async () => {
    const bytes = readRepoFile('fixtures/programs/dspy-era-b.json');
    // A copy with its own bytes: a line of its own, not one an earlier test stored.
    const text = new TextDecoder().decode(bytes).replace('"generate_answer"', '"generate_answer" ');
    const host = new DocumentHost();
    const opened = await host.open({ source: { kind: 'bytes', bytes: new TextEncoder().encode(text).buffer, name: 'at-once.json' } }, () => undefined);
    const client = inProcess(host);
    const asked: string[] = [];
    const counting = {
      ...client,
      call: (method: string, params: unknown) => (asked.push(method), client.call(method as never, params as never)),
    } as DocumentClient;
    expect((await commit('open', { client: counting, opened })).ok).toBe(true);
    // Shown first: the original (bytes, digest, storage) is not even asked for yet.
    expect(asked).toEqual([]);
    expect(kinds()).toEqual(['open']);
    const edited = await commit('edit', { request: { kind: 'instructions', moduleId: 'generate_answer', text: 'At once.' } });
    expect(edited.ok).toBe(true);
    expect(useHistoryStore.getState().docId).toBeUndefined();
    await useHistoryStore.getState().flush();
    const { docId, entries } = useHistoryStore.getState();
    expect(docId).toBe(opened.sha256);
    expect(asked).toContain('original');
    expect(entries.map((e) => [e.kind, e.docId])).toEqual([
      ['open', docId],
      ['edit', docId],
    ]);
    expect(entries[1]!.parent).toBe(entries[0]!.id);
    expect(useHistoryStore.getState().status.pending).toBe(0);
  });

  it('starts no history for a shared link shown read-only, and starts it when the user makes it their copy', async () => {
    const bytes = readRepoFile('fixtures/programs/dspy-era-c.json');
    const host = new DocumentHost();
    const opened = await host.open({ source: { kind: 'bytes', bytes: bytes.slice().buffer, name: 'shared.json' } }, () => undefined);
    expect((await commit('open', { client: inProcess(host), opened, readOnly: true })).ok).toBe(true);
    expect(useHistoryStore.getState().docId).toBeUndefined();
    expect(kinds()).toEqual([]);
    const refused = await commit('edit', { request: { kind: 'instructions', moduleId: useSession.getState().program!.modules[0]!.id, text: 'x' } });
    expect(refused).toMatchObject({ ok: false, error: { layer: 'share' } });
    openAsCopy();
    await vi.waitFor(() => expect(useHistoryStore.getState().docId).toBeDefined());
    expect(kinds()).toEqual(['open']);
    expect(useSession.getState().readOnly).toBe(false);
  });
  it('brings back the undo and redo stacks with a resumed session, and counts what the program bar counts', async () => {
    const { client } = await openFixture('fixtures/programs/dspy-era-b.json');
    const textNow = async (c: DocumentClient) => c.call('text', { pointer: '', maxChars: 1e7 });
    const texts = [await textNow(client)];
    for (const text of ['One word.', 'Two words.', 'Three words.']) {
      expect((await commit('edit', { request: { kind: 'instructions', moduleId: 'generate_answer', text } })).ok).toBe(true);
      texts.push(await textNow(client));
    }
    await commit('undo', {});
    const before = useSession.getState();
    const stepsOf = (steps: typeof before.past) => steps.map((s) => ({ kind: s.kind, label: s.edit.label }));
    expect(stepsOf(before.past)).toHaveLength(2);
    await useHistoryStore.getState().flush();
    const { docId, head } = useHistoryStore.getState();

    // The reload: the stored original opened in a new host, continuing the line, then replayed.
    const stored = (await useHistoryStore.getState().loadResume(docId!, head!))!;
    const host = new DocumentHost();
    const opened = await host.open({ source: { kind: 'bytes', bytes: stored.bytes, name: stored.name } }, () => undefined);
    const resumed = inProcess(host);
    expect((await commit('open', { client: resumed, opened, resume: { docId: docId!, head: stored.at } })).ok).toBe(true);
    expect(useSession.getState().past).toEqual([]);
    const line = await useHistoryStore.getState().resumeLine(docId!, stored.at, stored.sealed);
    expect(await replay(line)).toBeUndefined();

    const after = useSession.getState();
    expect(stepsOf(after.past)).toEqual(stepsOf(before.past));
    expect(stepsOf(after.future)).toEqual(stepsOf(before.future));
    // The restore prompt counts the same stacks the program bar shows.
    expect(stackCounts(line)).toEqual({ changes: after.past.length, undone: after.future.length });
    expect(await textNow(resumed)).toEqual(texts[2]);
    await commit('undo', {});
    expect(await textNow(resumed)).toEqual(texts[1]);
    await commit('redo', {});
    await commit('redo', {});
    expect(await textNow(resumed)).toEqual(texts[3]);
    expect(useSession.getState().future).toEqual([]);
    expect(kinds().slice(-3)).toEqual(['undo', 'redo', 'redo']);
  });
});
