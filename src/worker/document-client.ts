/**
 * The page's handle on one document worker: the worker kit over the document protocol. Cancelling
 * terminates the worker, which also drops the document it held; the owner starts a new client for
 * the next document.
 */
import { createClient, type WorkerClient } from './kit/client';
import type { WorkerMethods } from './protocol';

export type DocumentClient = WorkerClient<WorkerMethods>;

export function createDocumentClient(): DocumentClient {
  return createClient<WorkerMethods>(new Worker(new URL('./document-worker.ts', import.meta.url), { type: 'module', name: 'document' }), 'document');
}

/** A spare's warm-up (see state/warm-worker): the engine's code compiled before the next open needs it. */
export function warmDocumentClient(client: DocumentClient): Promise<unknown> {
  return client.call('ready', {});
}
