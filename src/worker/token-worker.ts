/// <reference lib="webworker" />
/** The token worker entry: counts a rendered prompt's tokens (core/program/prompt/token-count), served through the worker kit. */
import { countTokens } from '../core/program/prompt/token-count';
import type { ServeScope } from './kit/endpoint';
import { serve } from './kit/serve';
import type { TokenMethods } from './token-protocol';

serve<TokenMethods>(self as unknown as ServeScope, {
  count: ({ tokenizer, messages }) => countTokens(tokenizer, messages),
});
