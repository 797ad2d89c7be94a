/**
 * The Prompt tab's reads, in one place: the rendered prompt (document worker, where the
 * module's value is) and the all-predictors report; token counts are in state/token-counts. Components
 * read these hooks and never call a worker themselves.
 */
import { useMemo } from 'react';
import type { ErrorInfo } from '../../core/engine/errors';
import type { PromptRequest, PromptView } from '../../core/program/prompt/render-module';
import { formatPrompt, type PromptTextFormat } from '../../core/program/prompt/prompt-export';
import type { AdapterId } from '../../core/program/prompt/prompt-types';
import { useSession } from '../../state/session/session-store';
import { useWorkerAsk, useWorkerQuery } from '../../state/session/use-worker-query';
import { modulePromptSettings, usePromptViewStore } from '../../state/prompt-view-store';

export interface PromptState {
  view?: PromptView;
  error?: ErrorInfo;
  /** The request `view` answers, so counts can tell they belong to it. */
  key: string;
}

/** The module's prompt with the view settings applied, asked again on every edit of the document. */
export function usePromptView(moduleId: string): PromptState {
  const revision = useSession((s) => s.revision);
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
  // The last prompt stays on screen while the next one renders (a keystroke in the input form).
  const query = useWorkerQuery('prompt', request, { keepWhileLoading: true });
  const key = `${revision}\u0000${JSON.stringify(request)}`;
  if (query.status === 'error') return { error: query.error, key };
  if (query.status === 'ready') return { view: query.data, key };
  return { ...(query.status === 'loading' && query.data ? { view: query.data } : {}), key: '' };
}

/** The shown prompt as text for the clipboard. */
export function promptText(view: PromptView, format: PromptTextFormat): string {
  return formatPrompt(view.messages, format);
}

/** Every predictor's prompt from the worker, as a Markdown report or JSONL. */
export function usePromptReport(): (format: 'md' | 'jsonl', adapter: AdapterId) => Promise<{ text: string; count: number }> {
  const ask = useWorkerAsk();
  return (format, adapter) => ask('promptReport', { format, adapter });
}
