/**
 * What an export is asked for and what it gives back. Every choice is optional: left out, it means
 * "as the file was", so the defaults round-trip.
 */
import type { LayerContext, StepOptions } from '../../engine/layers/layer.ts';
import type { Recipe } from '../../engine/layers/recipe.ts';
import type { KindId, Operation, Program } from '../model/program.ts';

/** 'same': as opened; otherwise a registered kind that converts programs into its format (Program.offers.exportTargets). */
export type ExportTarget = 'same' | KindId;
export type ExportSyntax = 'json' | 'yaml' | 'msgpack';
/** 'file': the file's own JSON style (or its DSPy era's writer); 'pretty': 2-space indent; 'compact': one line. */
export type ExportJsonStyle = 'file' | 'pretty' | 'compact';
export type ExportCompression = 'none' | 'gzip' | 'zlib' | 'deflate-raw';

/**
 * The encryption hook: an encryption layer id from the registry (e.g. the passphrase container),
 * its step options and the credentials it needs. Export wraps the chosen recipe in it and hands
 * the same credentials to the check that decodes the result again.
 */
export interface ExportEncryption {
  layer: string;
  options?: StepOptions;
  credentials: NonNullable<LayerContext['credentials']>;
}

export interface ExportOptions {
  target?: ExportTarget;
  syntax?: ExportSyntax;
  jsonStyle?: ExportJsonStyle;
  compression?: ExportCompression;
  /** JSON indent width for 'pretty' (default 2); 0 means 'compact'. */
  indent?: number;
  /** Deflate level 0–9. */
  level?: number;
  /** Replace flagged secrets with "[REDACTED]"; on unless set to false. */
  redactSecrets?: boolean;
  encryption?: ExportEncryption;
  /** The name to give the result; by default the opened name with the suffixes of the new recipe. */
  fileName?: string;
  /** Timestamp written by conversions that record one (envelope `timestamp`, module `exported_at`). */
  now?: string;
}

/** The open document as export needs it. */
export interface ExportSource {
  value: unknown;
  program: Program;
  /** The recipe the file was opened with. */
  recipe: Recipe;
  /** The JSON or YAML text as opened; edits are spliced into it so untouched bytes stay. */
  sourceText?: string;
  /** Every operation applied since opening, in order. */
  appliedOps: readonly Operation[];
  /** The value as opened: an edit undone again counts as untouched. */
  originalValue?: unknown;
  /** The file's bytes as opened, for layers that cannot be re-made byte for byte (deflate streams). */
  originalBytes?: Uint8Array;
  /** The opened file's name. */
  name?: string;
  /** The file is made here (a module file): it has no name it came with to keep, so its suffixes follow its layers. */
  madeHere?: boolean;
}

export interface ExportResult {
  bytes: Uint8Array;
  fileName: string;
  /** Lower-case hex of the result's SHA-256. */
  sha256: string;
  /** A `sha256sum -c` line for the result. */
  sidecar: string;
  recipe: Recipe;
  size: number;
  /** How many secrets were replaced by "[REDACTED]". */
  redacted: number;
  /** True when the result is the file as opened, byte for byte. */
  identical: boolean;
  warnings: string[];
}
