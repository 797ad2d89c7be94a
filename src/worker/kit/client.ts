/**
 * The page's handle on one worker: typed calls, progress callbacks, and cancel. Cancelling
 * terminates the worker (a JSON.parse in progress cannot be interrupted any other way), so every
 * call in flight rejects with a 'cancelled' error and the owner starts a new client for the next job.
 */
import { FormatError, type ErrorInfo } from '../../core/engine/errors';
import type { Endpoint } from './endpoint';
import type { MethodOf, MethodTable, ParamsOf, Progress, RequestMessage, ResponseMessage, ResultOf } from './messages';
import { transfersOf } from './transfer';

export interface CallOptions {
  onProgress?: (p: Progress) => void;
  /** Buffers in the params to move to the worker (see transfer.ts); the page loses them. */
  transfer?: Transferable[];
}

export interface WorkerClient<M extends MethodTable> {
  call<K extends MethodOf<M>>(method: K, params: ParamsOf<M, K>, options?: CallOptions): Promise<ResultOf<M, K>>;
  /** Stops everything in flight; pending calls reject with a 'cancelled' error. */
  terminate(): void;
  readonly terminated: boolean;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
  onProgress?: (p: Progress) => void;
}

/** `label` names the worker in errors ("The series worker failed: ..."). */
export function createClient<M extends MethodTable>(endpoint: Endpoint, label: string): WorkerClient<M> {
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let terminated = false;

  function failAll(error: ErrorInfo): void {
    for (const p of pending.values()) p.reject(new FormatError(error));
    pending.clear();
  }

  endpoint.onmessage = (event: MessageEvent) => {
    const message = event.data as ResponseMessage;
    const p = pending.get(message.id);
    if (!p) return;
    if (message.kind === 'progress') {
      p.onProgress?.(message.progress);
      return;
    }
    pending.delete(message.id);
    if (message.kind === 'result') p.resolve(message.result);
    else p.reject(new FormatError(message.error));
  };
  endpoint.onerror = (event: ErrorEvent) => failAll({ code: 'internal', layer: 'worker', message: `The ${label} worker failed: ${event.message}` });

  return {
    get terminated() {
      return terminated;
    },
    call(method, params, options = {}) {
      if (terminated) return Promise.reject(new FormatError({ code: 'cancelled', layer: 'worker', message: `This ${label} was closed.` }));
      const id = nextId++;
      const message: RequestMessage = { id, method, params };
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject, ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
        endpoint.postMessage(message, [...(options.transfer ?? []), ...transfersOf(params)]);
      });
    },
    terminate() {
      if (terminated) return;
      terminated = true;
      endpoint.terminate?.();
      endpoint.close?.();
      failAll({ code: 'cancelled', layer: 'worker', message: 'Cancelled.' });
    },
  };
}
