/**
 * Module JSON drafts are kept with the document: per module, across a module switch (the store keeps
 * them), across a reload (stored under the document's id and loaded when it opens again), and gone
 * only when applied, in sync again or discarded. An encrypted document's drafts are stored sealed.
 */
import { describe, expect, it, vi } from 'vitest';
import type { ModuleDraft } from '../core/program/history/history-types';
import { readRepoFile } from '../test-support/real-fixtures';
import type { DocumentClient } from '../worker/document-client';
import { DocumentHost } from '../worker/document-host';
import { useDraftsStore } from './drafts-store';
import { useHistoryStore } from './history-store';
import { MemoryBackend } from './history/memory-backend';
import { pageBackend } from './history/page-backend';
import { isSealedDraft } from './history/sealed-drafts';
import { SealingBackend } from './history/sealing-backend';
import { commit } from './session/commit';

const BAD = '{\n  "demos": [,\n}';
const ERROR = 'Line 2, column 14: Value expected';

function inProcess(host: DocumentHost): DocumentClient {
  const methods = host as unknown as Record<string, (params: unknown, onProgress: () => void) => unknown>;
  return {
    terminated: false,
    call: async (method, params) => methods[method]!.call(host, params, () => undefined) as never,
    terminate: () => undefined,
  } as DocumentClient;
}

/** Opens the fixture as the page does (a new worker each time), and waits for its history line. */
async function openFixture(path: string): Promise<string> {
  const host = new DocumentHost();
  const opened = await host.open({ source: { kind: 'bytes', bytes: readRepoFile(path).slice().buffer, name: path.split('/').pop()! } }, () => undefined);
  expect((await commit('open', { client: inProcess(host), opened })).ok).toBe(true);
  await vi.waitFor(() => expect(useDraftsStore.getState().docId).toBeDefined());
  return useHistoryStore.getState().docId!;
}

const stored = async (docId: string) => pageBackend.listDrafts(docId);

describe('module drafts', () => {
  it('keeps a draft per module with the document, brings it back when the document opens again, and discards it only on purpose', async () => {
    const docId = await openFixture('fixtures/programs/dspy-era-b.json');
    const drafts = () => useDraftsStore.getState().drafts;
    useDraftsStore.getState().keep('generate_answer', BAD, ERROR);
    expect(drafts()).toEqual({ generate_answer: { text: BAD, error: ERROR } });
    await vi.waitFor(async () => expect(await stored(docId)).toMatchObject([{ docId, moduleId: 'generate_answer', text: BAD, error: ERROR }]));

    // A reload: the same bytes open in a new worker; the draft comes back with its error.
    await openFixture('fixtures/programs/envelope-1.1.0.json');
    expect(drafts()).toEqual({});
    expect(await openFixture('fixtures/programs/dspy-era-b.json')).toBe(docId);
    expect(drafts()).toEqual({ generate_answer: { text: BAD, error: ERROR } });

    // Discarded on purpose: gone from the page and from storage, so the next open has none.
    useDraftsStore.getState().drop('generate_answer');
    expect(drafts()).toEqual({});
    await vi.waitFor(async () => expect(await stored(docId)).toEqual([]));
    await openFixture('fixtures/programs/dspy-era-b.json');
    expect(drafts()).toEqual({});
  });

  it('stores a draft typed before the document’s id is known once it is, and the page’s text wins over a stored one', async () => {
    const docId = await openFixture('fixtures/programs/dspy-era-f.json');
    useDraftsStore.getState().keep('agent.react', '{"old": ', 'old error');
    await vi.waitFor(async () => expect(await stored(docId)).toHaveLength(1));
    // The next open: drafts typed before the hash is known live in memory only, then are stored.
    useDraftsStore.getState().documentOpened();
    useDraftsStore.getState().keep('agent.react', '{"new": ', 'new error');
    expect(await stored(docId)).toMatchObject([{ text: '{"old": ' }]);
    await useDraftsStore.getState().documentStored(docId);
    expect(useDraftsStore.getState().drafts['agent.react']).toEqual({ text: '{"new": ', error: 'new error' });
    await vi.waitFor(async () => expect(await stored(docId)).toMatchObject([{ text: '{"new": ', error: 'new error' }]));
    useDraftsStore.getState().drop('agent.react');
  });

  it('forgets a document’s drafts with its history', async () => {
    const docId = await openFixture('fixtures/programs/dspy-era-c.json');
    useDraftsStore.getState().keep('x', BAD, ERROR);
    await vi.waitFor(async () => expect(await stored(docId)).toHaveLength(1));
    await useHistoryStore.getState().deleteHistory(docId);
    expect(await stored(docId)).toEqual([]);
  });

  it('stores an encrypted document’s draft sealed, and opens it with the key', async () => {
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    const memory = new MemoryBackend();
    let known: CryptoKey | undefined = key;
    const backend = new SealingBackend(memory, { isEncrypted: (id) => id === 'enc', keyOf: async () => known });
    const draft: ModuleDraft = { docId: 'enc', moduleId: 'm', text: '{"secret answer 4711": ', error: 'Line 1: secret answer 4711', time: 1 };
    await backend.putDraft(draft);
    const raw = [...memory.drafts.values()];
    expect(raw).toHaveLength(1);
    expect(isSealedDraft(raw[0]!)).toBe(true);
    expect(JSON.stringify(raw[0], (_k, v: unknown) => (v instanceof Uint8Array ? String.fromCharCode(...v) : v))).not.toContain('4711');
    expect(await backend.listDrafts('enc')).toEqual([draft]);
    // Without the key: not listed (never shown sealed as text), still stored; and nothing new is stored in clear.
    known = undefined;
    expect(await backend.listDrafts('enc')).toEqual([]);
    expect(memory.drafts.size).toBe(1);
    await expect(backend.putDraft({ ...draft, moduleId: 'n' })).rejects.toThrow(/not stored in clear/);
  });
});
