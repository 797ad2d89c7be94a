/**
 * The open checkpoint series: its own worker (see worker/series-host), its timeline, the chosen
 * comparison, and whether the page shows the timeline or a checkpoint opened from it as an
 * ordinary document. Opening any other file closes the series; a failed call leaves it as it was.
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import { toErrorInfo, type ErrorInfo } from '../core/engine/errors';
import type { PackContainer, PackMode, PackResult } from '../core/program/series/pack-series';
import type { SeriesTimeline } from '../core/program/series/series-types';
import type { SeriesComparison } from '../worker/series-host';
import { createSeriesClient, type SeriesClient } from '../worker/series-client';
import { useDocumentStore } from './document-store';

export interface SeriesMemberFile {
  file: File;
  order: number;
  tag?: string;
}

interface SeriesState {
  status: 'closed' | 'loading' | 'ready';
  /** Names of the files being read, while loading. */
  loadingNames: string[];
  timeline?: SeriesTimeline;
  /** Files dropped with the series that are not part of it. */
  ignoredFiles: string[];
  /** The timeline, or the checkpoint opened from it as a document. */
  view: 'series' | 'document';
  openedIndex?: number;
  comparison?: SeriesComparison;
  /** A failed series action, shown in the series view (the timeline stays). */
  error?: ErrorInfo;
  openSeries(base: string, members: SeriesMemberFile[], ignored?: string[]): Promise<boolean>;
  compare(a: number, b: number): Promise<void>;
  openCheckpoint(index: number): Promise<boolean>;
  pack(mode: PackMode, container: PackContainer): Promise<PackResult | undefined>;
  showSeries(): void;
  close(): void;
  dismissError(): void;
}

let client: SeriesClient | undefined;
/** True while this store opens a checkpoint, so the document change does not close the series. */
let openingCheckpoint = false;
let watching = false;

function watchDocuments(): void {
  if (watching) return;
  watching = true;
  // Any other document opened (a dropped file, the sample, a link) takes the page back from the series.
  useDocumentStore.subscribe((s, prev) => {
    if (s.client !== prev.client && s.client && !openingCheckpoint) useSeriesStore.getState().close();
  });
}

// Typed explicitly: document-store imports this store (lazily) and this one imports it back.
export const useSeriesStore: UseBoundStore<StoreApi<SeriesState>> = create<SeriesState>()((set, get) => ({
  status: 'closed',
  loadingNames: [],
  ignoredFiles: [],
  view: 'series',

  async openSeries(base, members, ignored = []) {
    watchDocuments();
    const previous = { client, state: get() };
    const next = createSeriesClient();
    set({ status: 'loading', loadingNames: members.map((m) => m.file.name), error: undefined });
    try {
      const payload = await Promise.all(members.map(async (m) => ({ name: m.file.name, bytes: await m.file.arrayBuffer(), modified: m.file.lastModified, order: m.order, ...(m.tag !== undefined ? { tag: m.tag } : {}) })));
      const timeline = await next.call('open', { base, members: payload }, { transfer: payload.map((p) => p.bytes) });
      previous.client?.terminate();
      client = next;
      set({ status: 'ready', loadingNames: [], timeline, ignoredFiles: ignored, view: 'series', openedIndex: undefined, comparison: undefined, error: undefined });
      return true;
    } catch (e) {
      next.terminate();
      const { status, timeline } = previous.state;
      set({ status: timeline ? status : 'closed', loadingNames: [] });
      useDocumentStore.getState().showError({ ...toErrorInfo(e, 'series'), fileName: `the series ${base}` });
      return false;
    }
  },

  async compare(a, b) {
    if (!client) return;
    try {
      const comparison = await client.call('compare', { a, b });
      set({ comparison, error: undefined });
    } catch (e) {
      set({ error: toErrorInfo(e, 'series') });
    }
  },

  async openCheckpoint(index) {
    if (!client) return false;
    try {
      const { name, bytes } = await client.call('checkpointBytes', { index });
      const buffer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : (bytes.slice().buffer as ArrayBuffer);
      openingCheckpoint = true;
      let ok: boolean;
      try {
        ok = await useDocumentStore.getState().open({ kind: 'bytes', bytes: buffer, name });
      } finally {
        openingCheckpoint = false;
      }
      if (ok) set({ view: 'document', openedIndex: index, error: undefined });
      return ok;
    } catch (e) {
      set({ error: toErrorInfo(e, 'series') });
      return false;
    }
  },

  async pack(mode, container) {
    if (!client) return undefined;
    try {
      const result = await client.call('pack', { mode, container });
      set({ error: undefined });
      return result;
    } catch (e) {
      set({ error: toErrorInfo(e, 'series') });
      return undefined;
    }
  },

  showSeries() {
    if (get().status !== 'closed') set({ view: 'series' });
  },

  close() {
    client?.terminate();
    client = undefined;
    set({ status: 'closed', loadingNames: [], timeline: undefined, ignoredFiles: [], view: 'series', openedIndex: undefined, comparison: undefined, error: undefined });
  },

  dismissError() {
    set({ error: undefined });
  },
}));
