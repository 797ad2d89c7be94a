/**
 * Token counts of a rendered prompt with OpenAI's BPE encodings (js-tiktoken). The rank tables are
 * megabytes, so each is imported only when first asked for: the bundler makes it a chunk of its
 * own, served with the app (never fetched from elsewhere). Meant to run in the worker.
 */
import { Tiktoken } from 'js-tiktoken/lite';
import type { PromptMessage } from './prompt-types';
import { messageText } from './prompt-export';

export const TOKENIZERS = ['o200k_base', 'cl100k_base'] as const;
export type TokenizerId = (typeof TOKENIZERS)[number];

export const TOKENIZER_LABELS: Record<TokenizerId, string> = {
  o200k_base: 'o200k_base (GPT-4o, GPT-4.1, o-series)',
  cl100k_base: 'cl100k_base (GPT-4, GPT-3.5)',
};

const cache = new Map<TokenizerId, Promise<Tiktoken>>();

export function loadTokenizer(id: TokenizerId): Promise<Tiktoken> {
  let p = cache.get(id);
  if (!p) {
    p = (id === 'o200k_base' ? import('js-tiktoken/ranks/o200k_base') : import('js-tiktoken/ranks/cl100k_base')).then((m) => new Tiktoken(m.default));
    // A failed load is not remembered: the next ask tries again.
    p.catch(() => cache.delete(id));
    cache.set(id, p);
  }
  return p;
}

export interface TokenCounts {
  tokenizer: TokenizerId;
  /** Tokens of each message's text, in message order (image parts are not text and count 0 here). */
  perMessage: number[];
  total: number;
  /** Each demo's tokens (its user and assistant messages), in prompt order. */
  demos: Array<{ demoIndex: number; tokens: number }>;
  /** Messages with image parts, whose images the provider counts on its own terms. */
  imageMessages: number;
}

export function countWith(enc: Tiktoken, tokenizer: TokenizerId, messages: readonly PromptMessage[]): TokenCounts {
  // Special-token text such as "<|endoftext|>" in a demo is counted as ordinary text, as the API does for content.
  const perMessage = messages.map((m) => enc.encode(messageText(m), [], []).length);
  const demos: TokenCounts['demos'] = [];
  messages.forEach((m, i) => {
    if (m.source.kind !== 'demo') return;
    const last = demos[demos.length - 1];
    if (last && last.demoIndex === m.source.demoIndex) last.tokens += perMessage[i] ?? 0;
    else demos.push({ demoIndex: m.source.demoIndex, tokens: perMessage[i] ?? 0 });
  });
  return {
    tokenizer,
    perMessage,
    total: perMessage.reduce((a, b) => a + b, 0),
    demos,
    imageMessages: messages.filter((m) => typeof m.content !== 'string' && m.content.some((p) => p.type === 'image_url')).length,
  };
}

export async function countTokens(tokenizer: TokenizerId, messages: readonly PromptMessage[]): Promise<TokenCounts> {
  return countWith(await loadTokenizer(tokenizer), tokenizer, messages);
}
