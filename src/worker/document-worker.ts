/// <reference lib="webworker" />
/**
 * The worker entry: routes typed requests to a DocumentHost and posts results, progress and typed
 * errors back. Every failure is caught and answered: an unanswered request would hang the page.
 */
import { toErrorInfo } from '../core/errors';
import { DocumentHost } from './document-host';
import type { Progress, RequestMessage, ResponseMessage } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const host = new DocumentHost();

function post(message: ResponseMessage): void {
  scope.postMessage(message);
}

scope.onmessage = async (event: MessageEvent<RequestMessage>) => {
  const { id, method, params } = event.data;
  const onProgress = (progress: Progress) => post({ id, kind: 'progress', progress });
  try {
    let result: unknown;
    switch (method) {
      case 'open':
        result = await host.open(params as RequestMessage<'open'>['params'], onProgress);
        break;
      case 'text':
        result = host.text(params as RequestMessage<'text'>['params']);
        break;
      default:
        throw new Error(`Unknown worker method ${String(method)}`);
    }
    post({ id, kind: 'result', result });
  } catch (e) {
    post({ id, kind: 'error', error: toErrorInfo(e, method) });
  }
};
