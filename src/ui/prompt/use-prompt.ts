/**
 * Every worker call of the Prompt tab, in one place: the rendered prompt (document worker, where the
 * module's value is), its token counts (token worker) and the all-predictors report. Components
 * read these hooks and never call a worker themselves.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ErrorInfo } from '../../core/engine/errors';
import { toErrorInfo } from '../../core/engine/errors';
import type { PromptRequest, PromptView } from '../../core/program/prompt/render-module';
import { formatPrompt, type PromptTextFormat } from '../../core/program/prompt/prompt-export';
import type { TokenCounts, TokenizerId } from '../../core/program/prompt/token-count';
import type { AdapterId } from '../../core/program/prompt/prompt-types';
import { useDocumentStore } from '../../state/document-store';
import { modulePromptSettings, usePromptViewStore } from '../../state/prompt-view-store';
import { countTokensInWorker } from '../../worker/token-client';

export interface PromptState {
  view?: PromptView;
  error?: ErrorInfo;
  /** The request `view` answers, so counts can tell they belong to it. */
  key: string;
}

/** The module's prompt with the view settings applied, asked again on every edit of the document. */
export function usePromptView(moduleId: string): PromptState {
  const client = useDocumentStore((s) => s.client);
  const revision = useDocumentStore((s) => s.revision);
  const adapter = usePromptViewStore((s) => s.adapter);
  const settings = usePromptViewStore((s) => modulePromptSettings(s, moduleId));
  const request: PromptRequest = useMemo(
    () => ({
      moduleId,
      adapter,
      types: settings.types,
      ...(Object.values(settings.inputs).some((v) => v !== '') ? { inputs: settings.inputs } : {}),
      ...(settings.signature.trim() !== '' ? { signature: settings.signature } : {}),
    }),
    [moduleId, adapter, settings],
  );
  const key = `${revision}\u0000${JSON.stringify(request)}`;
  const [state, setState] = useState<PromptState>({ key: '' });
  useEffect(() => {
    let live = true;
    client?.call('prompt', request).then(
      (view) => live && setState({ view, key }),
      (e: unknown) => live && setState({ error: toErrorInfo(e, 'prompt'), key }),
    );
    return () => {
      live = false;
    };
  }, [client, request, key]);
  return state;
}

/** Token counts of the shown prompt, counted in the token worker a moment after the prompt settles. */
export function useTokenCounts(prompt: PromptState, tokenizer: TokenizerId): { counts?: TokenCounts; loading: boolean; error?: string } {
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

/** The shown prompt as text for the clipboard. */
export function promptText(view: PromptView, format: PromptTextFormat): string {
  return formatPrompt(view.messages, format);
}

/** Every predictor's prompt from the worker, as a Markdown report or JSONL. */
export function usePromptReport(): (format: 'md' | 'jsonl', adapter: AdapterId) => Promise<{ text: string; count: number }> {
  const client = useDocumentStore((s) => s.client);
  return async (format, adapter) => {
    if (!client) throw new Error('No document is open.');
    return client.call('promptReport', { format, adapter });
  };
}
