/**
 * Messages between the page and the token worker. Counting has a worker of its own: building a
 * tokenizer from its rank table takes seconds, and the document worker must keep answering edits.
 */
import type { ErrorInfo } from '../core/engine/errors';
import type { PromptMessage } from '../core/program/prompt/prompt-types';
import type { TokenCounts, TokenizerId } from '../core/program/prompt/token-count';

export interface TokenRequest {
  id: number;
  tokenizer: TokenizerId;
  messages: PromptMessage[];
}

export type TokenResponse = { id: number; kind: 'result'; counts: TokenCounts } | { id: number; kind: 'error'; error: ErrorInfo };
