/**
 * The wire shape every worker of the app speaks: a request names a method of a typed table, the
 * answer is progress (any number), then one result or one typed error. Errors cross as plain data.
 */
import type { ErrorInfo } from '../../core/engine/errors';
import type { Progress } from '../../core/engine/progress';

export type { Progress };

/** Method name -> [params, result]: the whole contract between the page and one kind of worker. */
export type MethodTable = { [method: string]: [params: unknown, result: unknown] };

export type MethodOf<M extends MethodTable> = keyof M & string;
export type ParamsOf<M extends MethodTable, K extends MethodOf<M>> = M[K][0];
export type ResultOf<M extends MethodTable, K extends MethodOf<M>> = M[K][1];

export interface RequestMessage {
  id: number;
  method: string;
  params: unknown;
}

export type ResponseMessage =
  { id: number; kind: 'progress'; progress: Progress } | { id: number; kind: 'result'; result: unknown } | { id: number; kind: 'error'; error: ErrorInfo };
