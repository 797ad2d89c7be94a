/**
 * The open document: which worker holds it, what it is, and what is happening to it. A failed open
 * leaves the previous document exactly as it was.
 */
import { create } from 'zustand';
import type { ErrorInfo } from '../core/errors';
import { toErrorInfo } from '../core/errors';
import type { Edit, Operation, Program } from '../core/model/program';
import { DocumentClient } from '../worker/document-client';
import type { DocumentSummary, EditRequest, OpenSource, Progress } from '../worker/protocol';

export const SAMPLE_URL = './samples/multihop-qa.json';
export const SAMPLE_NAME = 'multihop-qa.json';

interface Opening {
  name: string;
  progress?: Progress;
  client: DocumentClient;
}

interface DocumentState {
  client?: DocumentClient;
  summary?: DocumentSummary;
  program?: Program;
  /** Bumped on every change of the document's value, so views know to ask again. */
  revision: number;
  opening?: Opening;
  error?: ErrorInfo & { fileName?: string };
  open(source: OpenSource): Promise<boolean>;
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

  async open(source) {
    get().opening?.client.terminate();
    const client = new DocumentClient();
    const name = source.kind === 'file' ? source.file.name : source.name;
    set({ opening: { name, client }, error: undefined });
    try {
      const opened = await client.call('open', { source }, {
        onProgress: (progress) => {
          if (get().opening?.client === client) set({ opening: { name, client, progress } });
        },
        transfer: source.kind === 'bytes' ? [source.bytes] : [],
      });
      if (get().opening?.client !== client) return false; // superseded by a newer open
      get().client?.terminate();
      set({ client, summary: opened.summary, program: opened.program, opening: undefined, revision: get().revision + 1 });
      return true;
    } catch (e) {
      client.terminate();
      if (get().opening?.client !== client) return false;
      const error = toErrorInfo(e, 'open');
      set({ opening: undefined, error: error.code === 'cancelled' ? undefined : { ...error, fileName: name } });
      return false;
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

  cancelOpen() {
    const opening = get().opening;
    if (!opening) return;
    opening.client.terminate();
    set({ opening: undefined });
  },

  async edit(request) {
    const client = get().client;
    if (!client) return undefined;
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
