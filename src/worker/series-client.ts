/** The page's handle on a series worker (see series-host): the worker kit over its methods. */
import { createClient, type WorkerClient } from './kit/client';
import type { SeriesMethods } from './series-host';

export type SeriesClient = WorkerClient<SeriesMethods>;

export function createSeriesClient(): SeriesClient {
  return createClient<SeriesMethods>(new Worker(new URL('./series-worker.ts', import.meta.url), { type: 'module', name: 'series' }), 'series');
}
