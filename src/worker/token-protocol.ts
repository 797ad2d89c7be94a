/**
 * The token worker's methods, as the worker kit's table. Counting has a worker of its own: building a
 * tokenizer from its rank table takes seconds, and the document worker must keep answering edits.
 */
import type { PromptMessage } from '../core/program/prompt/prompt-types';
import type { TokenCounts, TokenizerId } from '../core/program/prompt/token-count';

export type TokenMethods = {
  count: [{ tokenizer: TokenizerId; messages: PromptMessage[] }, TokenCounts];
};
