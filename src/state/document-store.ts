/**
 * Opening documents: files, folders, links, the sample, an encrypted file waiting for its key. A
 * finished open becomes the session's document through `commit('open')`; a failed open leaves the
 * previous document exactly as it was.
 */
import { create } from 'zustand';
import type { ErrorInfo } from '../core/engine/errors';
import { toErrorInfo } from '../core/engine/errors';
import { createDocumentClient, warmDocumentClient, type DocumentClient } from '../worker/document-client';
import { fetchInWorker } from '../worker/fetch-in-worker';
import { classifyDrop } from '../core/program/files/classify-drop';
import type { OpenCredentials, Opened, OpenSource, Progress, Result } from '../worker/protocol';
import { commit } from './session/commit';
import { useSession } from './session/session-store';
import { useSeriesStore } from './series-store';
import { createWarmWorkers } from './warm-worker';

export const SAMPLE_URL = './samples/multihop-qa.json';
export const SAMPLE_NAME = 'multihop-qa.json';

interface Opening {
  name: string;
  progress?: Progress;
  /** Absent while a `?url=` file is still downloading. */
  client?: DocumentClient;
  abort?: AbortController;
}

export interface OpenOptions {
  readOnly?: boolean;
  companions?: File[];
  sidecar?: File;
  ignored?: string[];
  credentials?: OpenCredentials;
  /** A key file dropped with the document: named as not used when the document was not encrypted. */
  keyFileName?: string;
  /** Continues a stored history line (a resumed session) instead of starting one. */
  resume?: { docId: string; head: string };
  /** The series checkpoint this file is. */
  fromCheckpoint?: number;
}

/** An open that wants a key: its worker keeps the bytes, the key prompt tries again with it. */
export interface LockedOpen {
  name: string;
  client: DocumentClient;
  /** Why: 'maybe-encrypted', 'needs-key' (e.g. our container) or 'wrong-key' after a try. */
  error: ErrorInfo;
  info?: Result<'lockInfo'>;
  options?: OpenOptions;
  tries: number;
}

const KEY_ERRORS = new Set(['maybe-encrypted', 'needs-key', 'wrong-key']);
/** The caller of a locked open waits here for the key prompt's outcome (a resumed history applies its edits after). */
let lockWaiter: { client: DocumentClient; resolve(opened: boolean): void } | undefined;

interface DocumentState {
  opening?: Opening;
  /** An encrypted file waiting for its key (see ui/crypto/key-prompt). */
  locked?: LockedOpen;
  /** Tries the locked open again; resolves to the error to show (the prompt stays), or undefined once open. */
  unlock(credentials: OpenCredentials): Promise<ErrorInfo | undefined>;
  /** Gives up on the locked file: its worker and its bytes go. */
  cancelUnlock(): void;
  open(source: OpenSource, options?: OpenOptions): Promise<boolean>;
  /** Opens what several dropped or picked files are together (see core/files/classify-drop). */
  openFiles(files: File[]): Promise<boolean>;
  /** Fetches a file the user named in `?url=` (with progress), then opens it like any other. */
  openUrl(url: string): Promise<boolean>;
  openSample(): Promise<void>;
  cancelOpen(): void;
}

/** The next open's worker, started and warmed while the page is idle (see warm-worker). */
const workers = createWarmWorkers(createDocumentClient, warmDocumentClient);

/** Called once the page is up: the first open finds a warm worker. */
export function prepareDocumentWorker(): void {
  workers.prepare();
}

export const useDocumentStore = create<DocumentState>()((set, get) => {
  /** Resolves once the session shows the document: whoever awaits an open may act on it next. */
  async function adopt(client: DocumentClient, opened: Opened, options: OpenOptions | undefined): Promise<void> {
    const unusedKey = options?.keyFileName && !opened.encryption ? [options.keyFileName] : [];
    set({ opening: undefined, locked: undefined });
    await commit('open', {
      client,
      opened,
      ignoredFiles: [...(options?.ignored ?? []), ...unusedKey],
      readOnly: options?.readOnly ?? false,
      ...(options?.resume ? { resume: options.resume } : {}),
      ...(options?.fromCheckpoint !== undefined ? { fromCheckpoint: options.fromCheckpoint } : {}),
    });
  }

  function settleLock(opened: boolean): void {
    const waiter = lockWaiter;
    lockWaiter = undefined;
    waiter?.resolve(opened);
  }

  /** A new open replaces a file still waiting for its key. */
  function dropLocked(): void {
    const locked = get().locked;
    if (!locked) return;
    locked.client.terminate();
    set({ locked: undefined });
    settleLock(false);
  }

  return {
    async open(source, options) {
      get().opening?.client?.terminate();
      get().opening?.abort?.abort();
      dropLocked();
      const client = workers.take();
      const name = source.kind === 'file' ? source.file.name : source.name;
      set({ opening: { name, client } });
      useSession.getState().dismissError();
      try {
        const params = {
          source,
          ...(options?.companions ? { companions: options.companions } : {}),
          ...(options?.sidecar ? { sidecar: options.sidecar } : {}),
          ...(options?.credentials ? { credentials: options.credentials } : {}),
        };
        const opened = await client.call('open', params, {
          onProgress: (progress) => {
            if (get().opening?.client === client) set({ opening: { name, client, progress } });
          },
          transfer: source.kind === 'bytes' ? [source.bytes] : [],
        });
        if (get().opening?.client !== client) return false; // superseded by a newer open
        await adopt(client, opened, options);
        workers.prepare();
        return true;
      } catch (e) {
        if (get().opening?.client !== client) {
          client.terminate();
          return false;
        }
        const error = toErrorInfo(e, 'open');
        if (KEY_ERRORS.has(error.code) || (options?.credentials && error.layer === 'key')) {
          // The worker keeps the bytes; the key prompt asks, and this open resolves with its outcome.
          // The banner says what failed (and stays if the prompt is cancelled); the prompt offers the way on.
          workers.prepare();
          set({ opening: undefined, locked: { name, client, error, tries: options?.credentials ? 1 : 0, ...(options ? { options } : {}) } });
          useSession.getState().showError({ ...error, fileName: name });
          const settled = new Promise<boolean>((resolve) => {
            lockWaiter = { client, resolve };
          });
          void client.call('lockInfo', {}).then(
            (info) => {
              const locked = get().locked;
              if (locked?.client === client) set({ locked: { ...locked, info } });
            },
            () => undefined,
          );
          return settled;
        }
        client.terminate();
        set({ opening: undefined });
        workers.prepare();
        if (error.code !== 'cancelled') useSession.getState().showError({ ...error, fileName: name });
        return false;
      }
    },

    async unlock(credentials) {
      const locked = get().locked;
      if (!locked) return undefined;
      try {
        const opened = await locked.client.call('unlock', { credentials });
        if (get().locked?.client !== locked.client) return undefined;
        await adopt(locked.client, opened, locked.options);
        settleLock(true);
        return undefined;
      } catch (e) {
        const error = toErrorInfo(e, 'unlock');
        const now = get().locked;
        if (now?.client === locked.client) set({ locked: { ...now, error, tries: now.tries + 1 } });
        return error;
      }
    },

    cancelUnlock() {
      dropLocked();
    },

    async openFiles(files) {
      const plan = classifyDrop(files);
      switch (plan.kind) {
        case 'empty':
          return false;
        case 'single': {
          // A small .key/.hex file dropped beside the data is its key (read here, parsed in the worker).
          const keyFile = plan.keyFile;
          const credentials: OpenCredentials | undefined = keyFile
            ? { key: new Uint8Array(await keyFile.arrayBuffer()), source: { from: 'file', name: keyFile.name } }
            : undefined;
          return get().open(
            { kind: 'file', file: plan.main },
            {
              ...(plan.sidecar ? { sidecar: plan.sidecar } : {}),
              ignored: plan.ignored.map((f) => f.name),
              ...(credentials && keyFile ? { credentials, keyFileName: keyFile.name } : {}),
            },
          );
        }
        case 'whole-program':
          return get().open(
            { kind: 'file', file: plan.main },
            { companions: plan.companions, ...(plan.sidecar ? { sidecar: plan.sidecar } : {}), ignored: plan.ignored.map((f) => f.name) },
          );
        case 'series': {
          // The series view holds its own worker, started only now: a single file never pays for it.
          const base = plan.members[0]!.base;
          return useSeriesStore.getState().openSeries(
            base,
            plan.members.map((m) => ({ file: m.file, order: m.order, ...(m.tag !== undefined ? { tag: m.tag } : {}) })),
            plan.ignored.map((f) => f.name),
          );
        }
      }
    },

    async openSample() {
      try {
        const response = await fetch(SAMPLE_URL);
        if (!response.ok) throw new Error(`the sample could not be loaded (HTTP ${response.status})`);
        const bytes = await response.arrayBuffer();
        await get().open({ kind: 'bytes', bytes, name: SAMPLE_NAME });
      } catch (e) {
        useSession.getState().showError({ ...toErrorInfo(e, 'sample'), fileName: SAMPLE_NAME });
      }
    },

    async openUrl(url) {
      get().opening?.client?.terminate();
      get().opening?.abort?.abort();
      const abort = new AbortController();
      const name = url.split(/[?#]/)[0]?.split('/').filter(Boolean).at(-1) ?? url;
      set({ opening: { name, abort } });
      useSession.getState().dismissError();
      try {
        const file = await fetchInWorker(url, {
          signal: abort.signal,
          onProgress: (done, total) => {
            if (get().opening?.abort === abort) set({ opening: { name, abort, progress: { stage: 'download', done, total } } });
          },
        });
        if (get().opening?.abort !== abort) return false;
        return await get().open({ kind: 'bytes', bytes: file.bytes.buffer as ArrayBuffer, name: file.name });
      } catch (e) {
        if (get().opening?.abort !== abort) return false;
        const error = toErrorInfo(e, 'url');
        set({ opening: undefined });
        if (error.code !== 'cancelled') useSession.getState().showError({ ...error, fileName: url });
        return false;
      }
    },

    cancelOpen() {
      const opening = get().opening;
      if (!opening) return;
      opening.client?.terminate();
      opening.abort?.abort();
      set({ opening: undefined });
    },
  };
});
