/// <reference lib="webworker" />
/** The token worker entry: counts a rendered prompt's tokens (core/program/prompt/token-count) and answers every request. */
import { toErrorInfo } from '../core/engine/errors';
import { countTokens } from '../core/program/prompt/token-count';
import type { TokenRequest, TokenResponse } from './token-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (event: MessageEvent<TokenRequest>) => {
  const { id, tokenizer, messages } = event.data;
  let message: TokenResponse;
  try {
    message = { id, kind: 'result', counts: await countTokens(tokenizer, messages) };
  } catch (e) {
    message = { id, kind: 'error', error: toErrorInfo(e, 'tokens') };
  }
  scope.postMessage(message);
};
