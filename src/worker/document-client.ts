/**
 * The page's handle on one document worker: typed calls, progress callbacks, and cancel. Cancelling
 * terminates the worker (a JSON.parse in progress cannot be interrupted any other way), which also
 * drops the document it held; the owner starts a new client for the next document.
 */
import { FormatError, type ErrorInfo } from '../core/engine/errors';
import type { Method, Params, Progress, RequestMessage, ResponseMessage, Result } from './protocol';

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
  onProgress?: (p: Progress) => void;
}

export class DocumentClient {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private terminated = false;

  constructor() {
    this.worker = new Worker(new URL('./document-worker.ts', import.meta.url), { type: 'module', name: 'document' });
    this.worker.onmessage = (event: MessageEvent<ResponseMessage>) => this.receive(event.data);
    this.worker.onerror = (event) => this.failAll({ code: 'internal', layer: 'worker', message: `The document worker failed: ${event.message}` });
  }

  call<M extends Method>(
    method: M,
    params: Params<M>,
    options: { onProgress?: (p: Progress) => void; transfer?: Transferable[] } = {},
  ): Promise<Result<M>> {
    if (this.terminated) return Promise.reject(new FormatError({ code: 'cancelled', layer: 'worker', message: 'This document was closed.' }));
    const id = this.nextId++;
    const message: RequestMessage<M> = { id, method, params };
    return new Promise<Result<M>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress: options.onProgress });
      this.worker.postMessage(message, options.transfer ?? []);
    });
  }

  /** Stops everything in flight; pending calls reject with a 'cancelled' error. */
  terminate(): void {
    if (this.terminated) return;
    this.terminated = true;
    this.worker.terminate();
    this.failAll({ code: 'cancelled', layer: 'worker', message: 'Cancelled.' });
  }

  private receive(message: ResponseMessage): void {
    const pending = this.pending.get(message.id);
    if (!pending) return;
    if (message.kind === 'progress') {
      pending.onProgress?.(message.progress);
      return;
    }
    this.pending.delete(message.id);
    if (message.kind === 'result') pending.resolve(message.result);
    else pending.reject(new FormatError(message.error));
  }

  private failAll(error: ErrorInfo): void {
    for (const pending of this.pending.values()) pending.reject(new FormatError(error));
    this.pending.clear();
  }
}
