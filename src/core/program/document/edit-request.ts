import type { LeftOut } from '../model/module-view';

/** A model edit, as the forms ask for it; the document turns it into JSON Patch operations. */
export type EditRequest =
  | { kind: 'instructions'; moduleId: string; text: string }
  | { kind: 'field'; moduleId: string; fieldIndex: number; prop: 'name' | 'prefix' | 'description' | 'type'; text: string }
  /** `json`, when given, is the new value as JSON text typed by the user: the document parses it. */
  | { kind: 'demo-field'; moduleId: string; demoIndex: number; field: string; value?: unknown; json?: string }
  /** Without `demo`, an empty one with the fields the module's demos use (core/program/model/new-demo). */
  | { kind: 'add-demo'; moduleId: string; demo?: Record<string, unknown>; at?: number }
  | { kind: 'duplicate-demo'; moduleId: string; demoIndex: number }
  | { kind: 'remove-demos'; moduleId: string; demoIndexes: number[] }
  | { kind: 'move-demo'; moduleId: string; from: number; to: number }
  /** The module's state as JSON text from the precise view; the document parses and validates it. */
  | { kind: 'replace-module'; moduleId: string; json: string; leftOut?: LeftOut };
