/**
 * The page's handle on the token worker: one worker for the page, started on the first count and
 * kept, so a tokenizer is built once. Callers drop answers they no longer want (see use-prompt).
 */
import { FormatError } from '../core/engine/errors';
import type { PromptMessage } from '../core/program/prompt/prompt-types';
import type { TokenCounts, TokenizerId } from '../core/program/prompt/token-count';
import type { TokenRequest, TokenResponse } from './token-protocol';

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, { resolve(c: TokenCounts): void; reject(e: unknown): void }>();

function start(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./token-worker.ts', import.meta.url), { type: 'module', name: 'tokens' });
  w.onmessage = (event: MessageEvent<TokenResponse>) => {
    const m = event.data;
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.kind === 'result') p.resolve(m.counts);
    else p.reject(new FormatError(m.error));
  };
  w.onerror = (event) => {
    for (const p of pending.values()) p.reject(new FormatError({ code: 'internal', layer: 'worker', message: `The token worker failed: ${event.message}` }));
    pending.clear();
    worker = undefined;
  };
  worker = w;
  return w;
}

export function countTokensInWorker(tokenizer: TokenizerId, messages: PromptMessage[]): Promise<TokenCounts> {
  const id = nextId++;
  const request: TokenRequest = { id, tokenizer, messages };
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    start().postMessage(request);
  });
}
