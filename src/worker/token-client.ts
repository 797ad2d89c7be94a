/**
 * The page's handle on the token worker: one worker for the page, started on the first count and
 * kept, so a tokenizer is built once. A worker that failed is dropped; the next count starts another.
 * Callers drop answers they no longer want (see state/token-counts).
 */
import { FormatError } from '../core/engine/errors';
import type { PromptMessage } from '../core/program/prompt/prompt-types';
import type { TokenCounts, TokenizerId } from '../core/program/prompt/token-count';
import { createClient, type WorkerClient } from './kit/client';
import type { TokenMethods } from './token-protocol';

let client: WorkerClient<TokenMethods> | undefined;

export async function countTokensInWorker(tokenizer: TokenizerId, messages: PromptMessage[]): Promise<TokenCounts> {
  client ??= createClient<TokenMethods>(new Worker(new URL('./token-worker.ts', import.meta.url), { type: 'module', name: 'tokens' }), 'token');
  const mine = client;
  try {
    return await mine.call('count', { tokenizer, messages });
  } catch (e) {
    if (e instanceof FormatError && e.layer === 'worker' && e.code === 'internal') {
      mine.terminate();
      if (client === mine) client = undefined;
    }
    throw e;
  }
}
