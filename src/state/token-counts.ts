/**
 * Token counts of a rendered prompt, counted in the token worker (its own worker: building a
 * tokenizer takes seconds). Components read this hook; they never hold the token worker.
 */
import { useEffect, useState } from 'react';
import { toErrorInfo } from '../core/engine/errors';
import type { PromptMessage } from '../core/program/prompt/prompt-types';
import type { TokenCounts, TokenizerId } from '../core/program/prompt/token-count';
import { countTokensInWorker } from '../worker/token-client';

/** A prompt as shown: its messages and the request they answer (`key`), so counts can tell they belong to it. */
export interface CountedPrompt {
  view?: { messages: PromptMessage[] };
  key: string;
}

/** Token counts of the shown prompt, counted in the token worker a moment after the prompt settles. */
export function useTokenCounts(prompt: CountedPrompt, tokenizer: TokenizerId): { counts?: TokenCounts; loading: boolean; error?: string } {
  const [state, setState] = useState<{ key: string; counts?: TokenCounts; error?: string }>({ key: '' });
  const want = `${prompt.key}\u0000${tokenizer}`;
  const messages = prompt.view?.messages;
  useEffect(() => {
    if (!messages) return;
    let live = true;
    // Typing in the input form renders on every key; counting waits for a pause.
    const timer = setTimeout(() => {
      countTokensInWorker(tokenizer, messages).then(
        (counts) => live && setState({ key: want, counts }),
        (e: unknown) => live && setState({ key: want, error: toErrorInfo(e, 'tokens').message }),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [messages, tokenizer, want]);
  const current = state.key === want;
  return { ...(current && state.counts ? { counts: state.counts } : {}), loading: !current, ...(current && state.error ? { error: state.error } : {}) };
}
