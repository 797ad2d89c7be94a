/**
 * The open checkpoint series: its own worker (see worker/series-host), its timeline, the chosen
 * comparison, and whether the page shows the timeline or a checkpoint opened from it as an
 * ordinary document. Opening any other file closes the series; a failed call leaves it as it was.
 */
import { create } from 'zustand';
import { toErrorInfo, type ErrorInfo } from '../core/engine/errors';
import type { PackContainer, PackMode, PackResult } from '../core/program/series/pack-series';
import type { SeriesTimeline } from '../core/program/series/series-types';
import type { SeriesComparison } from '../worker/series-host';
import { createSeriesClient, type SeriesClient } from '../worker/series-client';
import { useSession } from './session/session-store';

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
  /** A checkpoint as a JSON file, to be opened as an ordinary document (see session/open-checkpoint). */
  checkpointFile(index: number): Promise<{ name: string; bytes: Uint8Array } | undefined>;
  /** Told by the session when a document opens: from checkpoint `index`, or any other file (which closes the series). */
  documentOpened(fromCheckpoint: number | undefined): void;
  pack(mode: PackMode, container: PackContainer): Promise<PackResult | undefined>;
  showSeries(): void;
  close(): void;
  dismissError(): void;
}

let client: SeriesClient | undefined;

export const useSeriesStore = create<SeriesState>()((set, get) => ({
  status: 'closed',
  loadingNames: [],
  ignoredFiles: [],
  view: 'series',

  async openSeries(base, members, ignored = []) {
    const previous = { client, state: get() };
    const next = createSeriesClient();
    set({ status: 'loading', loadingNames: members.map((m) => m.file.name), error: undefined });
    try {
      const payload = await Promise.all(
        members.map(async (m) => ({
          name: m.file.name,
          bytes: await m.file.arrayBuffer(),
          modified: m.file.lastModified,
          order: m.order,
          ...(m.tag !== undefined ? { tag: m.tag } : {}),
        })),
      );
      const timeline = await next.call('open', { base, members: payload }, { transfer: payload.map((p) => p.bytes) });
      previous.client?.terminate();
      client = next;
      set({
        status: 'ready',
        loadingNames: [],
        timeline,
        ignoredFiles: ignored,
        view: 'series',
        openedIndex: undefined,
        comparison: undefined,
        error: undefined,
      });
      return true;
    } catch (e) {
      next.terminate();
      const { status, timeline } = previous.state;
      set({ status: timeline ? status : 'closed', loadingNames: [] });
      useSession.getState().showError({ ...toErrorInfo(e, 'series'), fileName: `the series ${base}` });
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

  async checkpointFile(index) {
    if (!client) return undefined;
    try {
      return await client.call('checkpointBytes', { index });
    } catch (e) {
      set({ error: toErrorInfo(e, 'series') });
      return undefined;
    }
  },

  documentOpened(fromCheckpoint) {
    // Any other document opened (a dropped file, the sample, a link) takes the page back from the series.
    if (fromCheckpoint === undefined) {
      if (get().status !== 'closed') get().close();
      return;
    }
    set({ view: 'document', openedIndex: fromCheckpoint, error: undefined });
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
    set({
      status: 'closed',
      loadingNames: [],
      timeline: undefined,
      ignoredFiles: [],
      view: 'series',
      openedIndex: undefined,
      comparison: undefined,
      error: undefined,
    });
  },

  dismissError() {
    set({ error: undefined });
  },
}));
