/**
 * The worker side of the kit: routes each request to the host's method of that name and answers
 * every one, with a result (its marked buffers moved, see transfer.ts) or a typed error. An
 * unanswered request would hang the page, so every failure is caught and answered.
 */
import { toErrorInfo } from '../../core/engine/errors';
import type { ServeScope } from './endpoint';
import type { MethodTable, Progress, RequestMessage, ResponseMessage } from './messages';
import { transfersOf } from './transfer';

/** What a worker serves: one method per entry of its table, given the params and a progress callback. */
export type Host<M extends MethodTable> = {
  [K in keyof M]: (params: M[K][0], onProgress: (p: Progress) => void) => M[K][1] | Promise<M[K][1]>;
};

export interface ServeOptions {
  /** Wraps each call's progress callback (the document worker throttles it). */
  progress?: (post: (p: Progress) => void) => (p: Progress) => void;
}

export function serve<M extends MethodTable>(scope: ServeScope, host: Host<M>, options: ServeOptions = {}): void {
  const post = (message: ResponseMessage, transfer: Transferable[] = []) => scope.postMessage(message, transfer);
  const methods = host as unknown as Record<string, unknown>;
  scope.onmessage = async (event: MessageEvent) => {
    const { id, method, params } = event.data as RequestMessage;
    const raw = (p: Progress) => post({ id, kind: 'progress', progress: p });
    const onProgress = options.progress ? options.progress(raw) : raw;
    try {
      const fn = methods[method];
      if (typeof fn !== 'function' || method === 'constructor') throw new Error(`Unknown worker method ${String(method)}`);
      const result: unknown = await (fn as (p: unknown, o: (p: Progress) => void) => unknown).call(host, params, onProgress);
      post({ id, kind: 'result', result }, transfersOf(result));
    } catch (e) {
      post({ id, kind: 'error', error: toErrorInfo(e, method) });
    }
  };
}
