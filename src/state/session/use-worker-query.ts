/**
 * How components read from the document worker: `useWorkerQuery` asks again whenever the document
 * changes (or the params do), drops answers that arrive for a question no longer asked, and hands
 * errors to the component to show; `useWorkerAsk` is the same guard for reads a component makes on
 * demand (the next page of a long list). Components never hold the worker client themselves.
 */
import { useCallback, useEffect, useState } from 'react';
import { FormatError, toErrorInfo, type ErrorInfo } from '../../core/engine/errors';
import type { Method, Params, Result } from '../../worker/protocol';
import { useSession } from './session-store';

/**
 * The reads components may make; changes go through `commit`. `export` is here for the share link,
 * which writes the document into a link without saving a file (a saved export is a change: an `export` mark).
 */
export type ReadMethod = Extract<
  Method,
  | 'text'
  | 'module'
  | 'originalModule'
  | 'demos'
  | 'filterDemos'
  | 'migrationPlan'
  | 'disassembly'
  | 'tensors'
  | 'tensorPreview'
  | 'versionText'
  | 'prompt'
  | 'promptReport'
  | 'export'
>;

export interface QueryOptions {
  /** Keep showing the last answer while the next one (for other params) is on its way: a prompt re-rendered on each key typed. */
  keepWhileLoading?: boolean;
}

export type QueryState<T> = { status: 'idle' } | { status: 'loading'; data?: T } | { status: 'ready'; data: T } | { status: 'error'; error: ErrorInfo };

/**
 * The answer to `method(params)` for the open document, asked again on every change of the document.
 * `params` undefined means "do not ask now". While a new answer is on its way the last one stays as `data`.
 */
export function useWorkerQuery<M extends ReadMethod>(method: M, params: Params<M> | undefined, options: QueryOptions = {}): QueryState<Result<M>> {
  const keep = options.keepWhileLoading === true;
  const client = useSession((s) => s.client);
  const revision = useSession((s) => s.revision);
  const key = params === undefined ? undefined : JSON.stringify(params);
  const [state, setState] = useState<QueryState<Result<M>> & { key?: string }>({ status: 'idle' });

  useEffect(() => {
    if (!client || key === undefined) {
      setState({ status: 'idle' });
      return;
    }
    let live = true;
    setState((prev) => {
      const last = 'data' in prev ? prev.data : undefined;
      return { status: 'loading', key, ...(last !== undefined && (keep || prev.key === key) ? { data: last } : {}) };
    });
    client.call(method, JSON.parse(key) as Params<M>).then(
      (data) => {
        if (live) setState({ status: 'ready', data: data as Result<M>, key });
      },
      (e: unknown) => {
        if (live) setState({ status: 'error', error: toErrorInfo(e, String(method)), key });
      },
    );
    return () => {
      // Whatever answers after this belongs to a question no longer asked.
      live = false;
    };
  }, [client, revision, method, key, keep]);

  return state;
}

/** A stale answer: the document changed (or closed) between the question and the answer. */
export function isStale(e: unknown): boolean {
  return e instanceof FormatError && e.code === 'cancelled' && e.layer === 'stale';
}

/**
 * An on-demand read of the open document. The answer is refused as stale (see isStale) when the
 * document changed meanwhile, so a late answer never lands on a newer view.
 */
export function useWorkerAsk(): <M extends ReadMethod>(method: M, params: Params<M>) => Promise<Result<M>> {
  return useCallback(async <M extends ReadMethod>(method: M, params: Params<M>): Promise<Result<M>> => {
    const { client, revision } = useSession.getState();
    if (!client) throw new FormatError({ code: 'invalid', layer: 'worker', message: 'No document is open.' });
    const result = await client.call(method, params);
    const now = useSession.getState();
    if (now.client !== client || now.revision !== revision)
      throw new FormatError({ code: 'cancelled', layer: 'stale', message: 'The document changed while this was read.' });
    return result;
  }, []);
}
