/** The shapes the prompt renderer reads and writes: fields as DSPy's adapters see them, and chat messages. */
import type { TypeExpr } from './type-expr';

export type AdapterId = 'chat' | 'json';

/** The DSPy release whose adapters the renderer ports, line for line. */
export const DSPY_PROMPT_VERSION = '3.3.1';

export interface PromptField {
  name: string;
  role: 'input' | 'output';
  type: TypeExpr;
  /** The saved description (`desc`); DSPy's default `${name}` prints as nothing. */
  description: string;
  /** True when the saved file does not hold the name (it was inferred). */
  nameInferred: boolean;
  /** True when the role was not known and was taken from the field's position. */
  roleInferred: boolean;
  /** Where the type came from: DSPy's default `str`, the file, a view setting or a pasted signature. */
  typeSource: 'default' | 'file' | 'view' | 'signature';
}

export interface PromptSignature {
  instructions: string;
  fields: PromptField[];
}

export type ContentPart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };

export type MessageSource = { kind: 'system' } | { kind: 'demo'; demoIndex: number; incomplete: boolean } | { kind: 'request' };

export interface PromptMessage {
  role: 'system' | 'user' | 'assistant';
  /** A string, or parts when the message carries images (DSPy's custom-type blocks). */
  content: string | ContentPart[];
  source: MessageSource;
}

/** One demo as saved: its position in the demo list and its field values by name. */
export interface PromptDemo {
  index: number;
  values: Record<string, unknown>;
}
