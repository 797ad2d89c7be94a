/**
 * The contract every layer of a saved file fulfils. A file is a stack of layers (encryption,
 * compression, then one syntax); each layer says how sure it is that some bytes are its own,
 * turns them into the next layer's input (or a value, for a syntax) and can write them back.
 */
import type { Operation } from '../json-patch.ts';
import type { Progress } from '../progress.ts';
import type { Limits } from '../limits.ts';

export type LayerKind = 'compression' | 'syntax' | 'encryption';

/** Options a layer records about what it found, so encode can write the same thing again. */
export type StepOptions = Record<string, unknown>;

export interface SniffHint {
  /** The file name, only a tie-breaker between layers that are equally sure. */
  name?: string;
}

export type { Progress };

export interface LayerContext {
  limits: Limits;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
  /** Secrets for encryption layers; their shape is owned by those layers. */
  credentials?: { passphrase?: string; key?: Uint8Array };
  /** Force a decompression engine ('auto' picks the native one when the platform has it). */
  engine?: 'auto' | 'native' | 'fflate';
  /** How the pipeline keeps a text syntax's source (see DecodeOptions.keepText). */
  keepText?: 'string' | 'bytes';
}

export interface BytesResult {
  bytes: Uint8Array;
  options: StepOptions;
  warnings?: string[];
}

export interface ValueResult {
  value: unknown;
  /** Source text for text syntaxes, so an untouched document can be written back unchanged. */
  text?: string;
  options: StepOptions;
  warnings?: string[];
}

export interface SyntaxEncodeInput {
  value: unknown;
  /** The decoded source text and the edits made since; lets text syntaxes keep untouched bytes. */
  source?: { text: string; ops?: readonly Operation[] };
}

interface LayerBase {
  id: string;
  kind: LayerKind;
  /** For people: "gzip", "MessagePack", "Passphrase container (AES-256-GCM, PBKDF2)". */
  label: string;
  /** False for a layer that only reads: exports never offer it. */
  writes?: boolean;
  /** File name suffixes this layer usually wears, the one exports write first; a tie-breaker when sniffing. */
  extensions: readonly string[];
  /** Confidence 0..1 that `bytes` start this layer. Must be cheap and never throw. */
  sniff(bytes: Uint8Array, hint?: SniffHint): number;
}

export interface BytesLayer extends LayerBase {
  kind: 'compression' | 'encryption';
  decode(bytes: Uint8Array, ctx: LayerContext): Promise<BytesResult>;
  encode(bytes: Uint8Array, options: StepOptions, ctx: LayerContext): Promise<Uint8Array>;
}

export interface SyntaxLayer extends LayerBase {
  kind: 'syntax';
  decode(bytes: Uint8Array, ctx: LayerContext): Promise<ValueResult>;
  encode(input: SyntaxEncodeInput, options: StepOptions, ctx: LayerContext): Promise<Uint8Array>;
}

export type Layer = BytesLayer | SyntaxLayer;

export function isSyntaxLayer(layer: Layer): layer is SyntaxLayer {
  return layer.kind === 'syntax';
}
