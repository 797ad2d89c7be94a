/**
 * The open document: which worker holds it, what it is, and what is happening to it. A failed open
 * leaves the previous document exactly as it was.
 */
import { create } from 'zustand';
import type { ErrorInfo } from '../core/errors';
import { toErrorInfo } from '../core/errors';
import { DocumentClient } from '../worker/document-client';
import type { DocumentSummary, OpenSource, Progress } from '../worker/protocol';

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
  opening?: Opening;
  error?: ErrorInfo & { fileName?: string };
  open(source: OpenSource): Promise<void>;
  openSample(): Promise<void>;
  cancelOpen(): void;
  dismissError(): void;
}

export const useDocumentStore = create<DocumentState>()((set, get) => ({
  async open(source) {
    get().opening?.client.terminate();
    const client = new DocumentClient();
    const name = source.kind === 'file' ? source.file.name : source.name;
    set({ opening: { name, client }, error: undefined });
    try {
      const summary = await client.call('open', { source }, {
        onProgress: (progress) => {
          if (get().opening?.client === client) set({ opening: { name, client, progress } });
        },
        transfer: source.kind === 'bytes' ? [source.bytes] : [],
      });
      if (get().opening?.client !== client) return; // superseded by a newer open
      get().client?.terminate();
      set({ client, summary, opening: undefined });
    } catch (e) {
      client.terminate();
      if (get().opening?.client !== client) return;
      const error = toErrorInfo(e, 'open');
      set({ opening: undefined, error: error.code === 'cancelled' ? undefined : { ...error, fileName: name } });
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

  dismissError() {
    set({ error: undefined });
  },
}));
