/**
 * The page's side of the `?url=` fetch: starts the url-fetch worker for one confirmed address and
 * turns its messages back into progress, the file, or the typed error. Aborting ends the worker.
 */
import { FormatError } from '../core/engine/errors';
import type { FetchedFile } from '../core/program/share/fetch-url';
import type { UrlFetchMessage } from './url-fetch-worker';

export function fetchInWorker(url: string, options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {}): Promise<FetchedFile> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./url-fetch-worker.ts', import.meta.url), { type: 'module', name: 'url-fetch' });
    const stop = () => {
      worker.terminate();
      reject(new FormatError({ code: 'cancelled', layer: 'url', message: 'Cancelled.' }));
    };
    if (options.signal?.aborted) return stop();
    options.signal?.addEventListener('abort', stop, { once: true });
    const settle = () => {
      options.signal?.removeEventListener('abort', stop);
      worker.terminate();
    };
    worker.onmessage = (event: MessageEvent<UrlFetchMessage>) => {
      const message = event.data;
      if (message.kind === 'progress') return options.onProgress?.(message.done, message.total);
      settle();
      if (message.kind === 'done') resolve({ name: message.name, bytes: message.bytes });
      else reject(new FormatError(message.error));
    };
    worker.onerror = (event) => {
      settle();
      reject(
        new FormatError({ code: 'internal', layer: 'url', message: `The download could not start: ${event.message || 'the fetch worker failed to load'}.` }),
      );
    };
    worker.postMessage({ url });
  });
}
