/**
 * The open document: which worker holds it, what it is, and what is happening to it. A failed open
 * leaves the previous document exactly as it was.
 */
import { create } from 'zustand';
import type { ErrorInfo } from '../core/errors';
import { toErrorInfo } from '../core/errors';
import type { Edit, Operation, Program } from '../core/model/program';
import { fetchUrl } from '../core/share/fetch-url';
import { DocumentClient } from '../worker/document-client';
import { classifyDrop } from '../core/files/classify-drop';
import type { ChecksumResult, CompanionSummary, DocumentSummary, EditRequest, OpenSource, Progress } from '../worker/protocol';

export const SAMPLE_URL = './samples/multihop-qa.json';
export const SAMPLE_NAME = 'multihop-qa.json';

interface Opening {
  name: string;
  progress?: Progress;
  /** Absent while a `?url=` file is still downloading. */
  client?: DocumentClient;
  abort?: AbortController;
}

const READ_ONLY_MESSAGE = 'This shared program is read-only. Click "Open as my copy" to edit it.';

export interface OpenOptions {
  readOnly?: boolean;
  companions?: File[];
  sidecar?: File;
  ignored?: string[];
}

interface DocumentState {
  client?: DocumentClient;
  summary?: DocumentSummary;
  program?: Program;
  /** Bumped on every change of the document's value, so views know to ask again. */
  revision: number;
  opening?: Opening;
  error?: ErrorInfo & { fileName?: string };
  /** A program opened from a share link: shown, not edited, until "Open as my copy". */
  readOnly: boolean;
  /** Files opened beside the document (a whole-program folder's program.pkl), with what they hold. */
  companions: CompanionSummary[];
  /** The result of checking the document against a dropped .sha256 sidecar. */
  checksum?: ChecksumResult;
  /** Files dropped together that were not used, said plainly rather than dropped silently. */
  ignoredFiles: string[];
  open(source: OpenSource, options?: OpenOptions): Promise<boolean>;
  /** Opens what several dropped or picked files are together (see core/files/classify-drop). */
  openFiles(files: File[]): Promise<boolean>;
  /** Fetches a file the user named in `?url=` (with progress), then opens it like any other. */
  openUrl(url: string): Promise<boolean>;
  /** Makes a shared, read-only program editable. */
  openAsCopy(): void;
  openSample(): Promise<void>;
  cancelOpen(): void;
  /** Applies a model edit in the worker; resolves to its patch, or undefined when it failed (error shown). */
  edit(request: EditRequest): Promise<Edit | undefined>;
  applyOps(ops: Operation[]): Promise<boolean>;
  showError(error: ErrorInfo & { fileName?: string }): void;
  dismissError(): void;
}

export const useDocumentStore = create<DocumentState>()((set, get) => ({
  revision: 0,
  readOnly: false,
  companions: [],
  ignoredFiles: [],

  async open(source, options) {
    get().opening?.client?.terminate();
    get().opening?.abort?.abort();
    const client = new DocumentClient();
    const name = source.kind === 'file' ? source.file.name : source.name;
    set({ opening: { name, client }, error: undefined });
    try {
      const params = { source, ...(options?.companions ? { companions: options.companions } : {}), ...(options?.sidecar ? { sidecar: options.sidecar } : {}) };
      const opened = await client.call('open', params, {
        onProgress: (progress) => {
          if (get().opening?.client === client) set({ opening: { name, client, progress } });
        },
        transfer: source.kind === 'bytes' ? [source.bytes] : [],
      });
      if (get().opening?.client !== client) return false; // superseded by a newer open
      get().client?.terminate();
      set({
        client,
        summary: opened.summary,
        program: opened.program,
        companions: opened.companions,
        checksum: opened.checksum,
        ignoredFiles: options?.ignored ?? [],
        opening: undefined,
        revision: get().revision + 1,
        readOnly: options?.readOnly ?? false,
      });
      return true;
    } catch (e) {
      client.terminate();
      if (get().opening?.client !== client) return false;
      const error = toErrorInfo(e, 'open');
      set({ opening: undefined, error: error.code === 'cancelled' ? undefined : { ...error, fileName: name } });
      return false;
    }
  },

  async openFiles(files) {
    const plan = classifyDrop(files);
    switch (plan.kind) {
      case 'empty':
        return false;
      case 'single':
        return get().open(
          { kind: 'file', file: plan.main },
          { ...(plan.sidecar ? { sidecar: plan.sidecar } : {}), ignored: [...plan.ignored, ...(plan.keyFile ? [plan.keyFile] : [])].map((f) => f.name) },
        );
      case 'whole-program':
        return get().open({ kind: 'file', file: plan.main }, { companions: plan.companions, ...(plan.sidecar ? { sidecar: plan.sidecar } : {}), ignored: plan.ignored.map((f) => f.name) });
      case 'series': {
        // The series view holds its own worker; loaded on demand, so a single file never pays for it.
        const { useSeriesStore } = await import('./series-store');
        const base = plan.members[0]!.base;
        return useSeriesStore.getState().openSeries(base, plan.members.map((m) => ({ file: m.file, order: m.order, ...(m.tag !== undefined ? { tag: m.tag } : {}) })), plan.ignored.map((f) => f.name));
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
      set({ error: { ...toErrorInfo(e, 'sample'), fileName: SAMPLE_NAME } });
    }
  },

  async openUrl(url) {
    get().opening?.client?.terminate();
    get().opening?.abort?.abort();
    const abort = new AbortController();
    const name = url.split(/[?#]/)[0]?.split('/').filter(Boolean).at(-1) ?? url;
    set({ opening: { name, abort }, error: undefined });
    try {
      const file = await fetchUrl(url, {
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
      set({ opening: undefined, error: error.code === 'cancelled' ? undefined : { ...error, fileName: url } });
      return false;
    }
  },

  openAsCopy() {
    set({ readOnly: false });
  },

  cancelOpen() {
    const opening = get().opening;
    if (!opening) return;
    opening.client?.terminate();
    opening.abort?.abort();
    set({ opening: undefined });
  },

  async edit(request) {
    const client = get().client;
    if (!client) return undefined;
    if (get().readOnly) {
      set({ error: { code: 'invalid', layer: 'share', message: READ_ONLY_MESSAGE } });
      return undefined;
    }
    try {
      const { program, edit } = await client.call('edit', { edit: request });
      set({ program, revision: get().revision + 1, error: undefined });
      return edit;
    } catch (e) {
      set({ error: toErrorInfo(e, 'edit') });
      return undefined;
    }
  },

  async applyOps(ops) {
    const client = get().client;
    if (!client) return false;
    if (get().readOnly) {
      set({ error: { code: 'invalid', layer: 'share', message: READ_ONLY_MESSAGE } });
      return false;
    }
    try {
      const { program } = await client.call('applyOps', { ops });
      set({ program, revision: get().revision + 1, error: undefined });
      return true;
    } catch (e) {
      set({ error: toErrorInfo(e, 'edit') });
      return false;
    }
  },

  showError(error) {
    set({ error });
  },

  dismissError() {
    set({ error: undefined });
  },
}));
