/**
 * The typed messages between the page and a document worker. One worker owns one document; the page
 * never holds the whole document, only what it asked for.
 */
import type { ErrorInfo } from '../core/errors';
import type { Recipe } from '../core/layers/recipe';

export type OpenSource =
  | { kind: 'file'; file: File }
  | { kind: 'bytes'; bytes: ArrayBuffer; name: string };

export interface DocumentSummary {
  name: string;
  recipe: Recipe;
  syntax: string;
  inputBytes: number;
  decodedBytes: number;
  warnings: string[];
  /** Milliseconds spent reading and decoding, for the status bar. */
  openMs: number;
}

/** Method name -> [params, result]. */
export interface WorkerMethods {
  open: [{ source: OpenSource }, DocumentSummary];
  /** The value at a JSON pointer as pretty JSON text, refused above `maxChars`. */
  text: [{ pointer: string; maxChars: number }, { text: string } | { tooLarge: number }];
}

export type Method = keyof WorkerMethods;
export type Params<M extends Method> = WorkerMethods[M][0];
export type Result<M extends Method> = WorkerMethods[M][1];

export interface RequestMessage<M extends Method = Method> {
  id: number;
  method: M;
  params: Params<M>;
}

export interface Progress {
  stage: string;
  done: number;
  total: number;
}

export type ResponseMessage =
  | { id: number; kind: 'progress'; progress: Progress }
  | { id: number; kind: 'result'; result: unknown }
  | { id: number; kind: 'error'; error: ErrorInfo };
