/**
 * The typed messages between the page and a document worker. One worker owns one document; the page
 * never holds the whole document, only what it asked for.
 */
import type { ErrorInfo } from '../core/engine/errors';
import type { Recipe } from '../core/engine/layers/recipe';
import type { LeftOut } from '../core/program/model/module-view';
import type { Demo, Edit, ModuleInfo, Operation, Program } from '../core/program/model/program';
import type { ExportOptions, ExportResult } from '../core/program/export/export-options';
import type { ModuleFileShape } from '../core/program/export/module-file';
import type { SafetyReport } from '../core/engine/pickle/safety';
import type { PlanRequest, PlanSummary } from '../core/program/migrations/plan-summary';
import type { MigrationAnswers } from '../core/program/model/migration';
import type { RawLayout } from '../core/engine/crypto/aes-gcm-raw';
import type { KeySource } from '../core/engine/crypto/key-handle';
import type { TensorInfo } from '../core/engine/torch/torch-file';
import type { PromptRequest, PromptView } from '../core/program/prompt/render-module';
import type { AdapterId } from '../core/program/prompt/prompt-types';
import type { Comparison } from '../core/program/compare/types';
import type { TakeRequest } from '../core/program/compare/take';
import type { EditRequest } from '../core/program/document/edit-request';

export type OpenSource = { kind: 'file'; file: File } | { kind: 'bytes'; bytes: ArrayBuffer; name: string };

/** The other side of a comparison: a file, bytes, or a history version of the open document. */
export type CompareSource =
  | OpenSource
  | { kind: 'version'; ops: Operation[]; label: string }
  /** A recent file from the history: its original bytes and the patches to its last version. */
  | { kind: 'stored'; bytes: ArrayBuffer; name: string; ops: Operation[] };

export interface DocumentSummary {
  name: string;
  recipe: Recipe;
  syntax: string;
  inputBytes: number;
  decodedBytes: number;
  warnings: string[];
  /** Milliseconds spent reading and decoding, for the status bar. */
  openMs: number;
  /** Where those milliseconds went, stage by stage in order ("read", "gzip", "json", "analyse"). */
  stages: Array<[stage: string, ms: number]>;
}

export type { EditRequest };

/** A file opened beside the document (e.g. program.pkl of a DSPy whole-program folder). */
export interface CompanionSummary {
  name: string;
  size: number;
  recipe?: Recipe;
  warnings: string[];
  /** The decode failure, when it could not be read: a companion never sinks the document. */
  error?: ErrorInfo;
  /** A pickled companion's safety report (program.pkl), shown before the document. */
  safety?: PickleSafety;
}

/** A pickle's safety report as plain data: the `safety` option of its recipe step (core/pickle/pickle-layer safetySummary). */
export interface PickleSafety {
  verdict: 'safe' | 'unknown' | 'dangerous';
  /** `member` names the pickle of the file it is in, when the file holds several. */
  globals: Array<{ module: string; name: string; grade: 'safe' | 'unknown' | 'dangerous'; reason: string; count: number; member?: string }>;
  /** The calls loading it would make, as Python text with the arguments as data: os.system('echo pwned'). */
  calls: Array<{ offset: number; opcode: string; target: string; grade: 'safe' | 'unknown' | 'dangerous'; reason: string; text: string; member?: string }>;
  safeCalls: Array<{ target: string; count: number }>;
  signals: string[];
  stats: SafetyReport['stats'];
  error?: ErrorInfo;
  /** Every pickle of the file, graded, when it holds more than one (stacked, zip members, nested). */
  members?: Array<{ name: string; verdict: 'safe' | 'unknown' | 'dangerous'; loaded: boolean; error?: ErrorInfo }>;
}

/** One row of a torch file's tensor table; `index` names it for tensorPreview. */
export type TensorRow = Pick<
  TensorInfo,
  'path' | 'dtype' | 'shape' | 'stride' | 'storageOffset' | 'numel' | 'byteSize' | 'device' | 'storageKey' | 'parameter'
> & {
  index: number;
};

export interface ChecksumResult {
  ok: boolean;
  expected: string;
  actual: string;
  message: string;
  sidecarName: string;
}

/**
 * A key or passphrase for an encrypted file. The worker keeps it in its memory for this document
 * only (export and history sealing) and never hands it back; it dies with the worker.
 */
export interface OpenCredentials {
  /** Key text (64 hex / base64) or a key file's bytes; parsed in the worker. */
  key?: string | Uint8Array;
  passphrase?: string;
  /** A raw-key layout the user insisted on; absent means try both. */
  layout?: RawLayout;
  source?: KeySource;
}

/** How the open document was encrypted, for people: no secret in here. */
export interface EncryptionFacts {
  scheme: 'raw' | 'container';
  layout?: RawLayout;
  kdf?: string;
  iterations?: number;
  /** "key from the file fixture.key", "passphrase typed in". */
  keyLabel: string;
}

/** Encryption for an export: with the open document's own secret, or a new one. */
export type ExportEncryptionRequest =
  { scheme: 'raw'; layout?: RawLayout; key: 'document' | string | Uint8Array } | { scheme: 'container'; passphrase: 'document' | string };

export interface Opened {
  summary: DocumentSummary;
  program: Program;
  companions: CompanionSummary[];
  checksum?: ChecksumResult;
  /** SHA-256 of the bytes as opened (encrypted bytes for an encrypted file). */
  sha256: string;
  encryption?: EncryptionFacts;
  /** Why the document cannot be edited (a version newer than this app knows), when it cannot. */
  locked?: string;
}

/** Method name -> [params, result]. */
export type WorkerMethods = {
  /** A spare worker's warm-up while the page is idle (see warm-up.ts): answers once its code is compiled; keeps nothing. */
  ready: [Record<string, never>, Record<string, never>];
  /**
   * Opens `source`; `companions` are files that belong to it (a whole-program folder's program.pkl),
   * `sidecar` a checksum file to verify the source against.
   */
  open: [{ source: OpenSource; companions?: File[]; sidecar?: File; credentials?: OpenCredentials }, Opened];
  /** After an open failed for want of the right key ('maybe-encrypted', 'needs-key', 'wrong-key'): try again from the bytes kept. */
  unlock: [{ credentials: OpenCredentials }, Opened];
  /** What the key prompt shows about the file kept by a failed open: its size and, for our container, the KDF and cost. */
  lockInfo: [Record<string, never>, { name: string; size: number; container?: { kdf: string; iterations: number } }];
  /** The non-extractable AES-GCM key the history seals this document's entries with; absent when it is not encrypted. */
  historyKey: [Record<string, never>, { key?: CryptoKey }];
  /** One module's saved state as JSON text, for the precise view, with the JSON Schema it must meet. */
  module: [{ moduleId: string }, { module: ModuleInfo; json: string; schema?: object; leftOut?: LeftOut }];
  /** The same module as it was when the file was opened (for the changes diff). */
  originalModule: [{ moduleId: string }, { json: string }];
  /** A page of demos, by position in the list or by explicit indexes (a filtered view). */
  demos: [{ moduleId: string; offset: number; count: number; indexes?: number[] }, { demos: Demo[] }];
  /** Indexes of the demos whose text contains `text` (case-insensitive). */
  filterDemos: [{ moduleId: string; text: string }, { indexes: number[] }];
  /** Applies one model edit; answers with the new program and the patch (for undo and history). */
  edit: [{ edit: EditRequest }, { program: Program; edit: Edit }];
  /** Applies raw operations (undo, redo, history replay). */
  applyOps: [{ ops: Operation[] }, { program: Program }];
  /** Applies a stored line's changes in order (a resumed session); answers each one's inverse, for the undo stack. */
  applyEach: [{ changes: Operation[][] }, { program: Program; inverses: Operation[][] }];
  /** Module ids whose state differs from the file as opened. */
  changedModules: [Record<string, never>, { moduleIds: string[] }];
  /** The value at a JSON pointer as pretty JSON text, refused above `maxChars`. */
  text: [{ pointer: string; maxChars: number }, { text: string } | { tooLarge: number }];
  /**
   * For the history: the SHA-256 of the bytes as opened, and the bytes themselves the first time they
   * are asked for, with the flagged secrets they hold. With `redactSecrets`, an unencrypted original
   * holding secrets is handed over redacted instead (its own bytes and SHA-256; `redacted` says how many).
   */
  original: [{ redactSecrets?: boolean }, { sha256: string; size: number; bytes?: Uint8Array; secrets: number; secretKeys: string[]; redacted?: number }];
  /** The original with its flagged secrets redacted, for a history file without secrets; `redacted` is 0 when it held none. */
  redactedOriginal: [Record<string, never>, { sha256: string; bytes: Uint8Array; redacted: number; secretKeys: string[] }];
  /** Ops (and their inverse) that turn the current value into the version the given ops make from the original. */
  versionDiff: [{ ops: Operation[] }, { ops: Operation[]; inverse: Operation[] }];
  /** Makes the current value the version the given ops make from the original, as one new change (its own undo step). */
  restore: [{ ops: Operation[]; label: string }, { program: Program; edit: Edit }];
  /** A version (the original plus `ops`) at a pointer as pretty JSON text; `absent` when it has nothing there. */
  versionText: [{ ops: Operation[]; pointer: string; maxChars: number }, { text: string } | { tooLarge: number } | { absent: true }];
  /** The current document written back with its own recipe (edits spliced into the source text); the benchmark's export step. */
  encode: [Record<string, never>, { bytes: Uint8Array }];
  /** The document as a file in the chosen recipe, checked by decoding it again; the bytes are transferred. */
  export: [{ options: ExportOptions; encryption?: ExportEncryptionRequest }, ExportResult];
  /** One module as its own file (DSPy `{"self": ...}` or the envelope module file). */
  exportModule: [{ moduleId: string; shape?: ModuleFileShape; options: ExportOptions; encryption?: ExportEncryptionRequest }, ExportResult];
  /** What a module file holds (name to suggest, modules), before importing it. */
  readModuleFile: [{ bytes: ArrayBuffer; name: string }, { suggestedName: string; formatLabel: string; moduleIds: string[] }];
  /** Adds (or replaces) a module from a file as one change; answers the program and the change's undoable record. */
  importModule: [{ bytes: ArrayBuffer; name: string; asName?: string; replace?: boolean }, { program: Program; edit: Edit }];
  /** The migration plan (targets, steps with notes, needed or not, read-only), with a before/after preview on request. */
  migrationPlan: [PlanRequest, PlanSummary];
  /** Applies the migration as ONE edit (one undo step); refused for read-only and, without tryAnyway, incompatible files. */
  migrate: [{ target?: string; tryAnyway?: boolean; answers?: MigrationAnswers }, { program: Program; edit: Edit; notes: string[] }];
  /** One predictor's prompt as DSPy's adapter builds it, with the view settings applied (core/program/prompt). */
  prompt: [PromptRequest, PromptView];
  /** Every predictor's prompt at once, as one Markdown report or one JSON line per predictor. */
  promptReport: [{ format: 'md' | 'jsonl'; adapter?: AdapterId }, { text: string; count: number }];
  /** Compares the open document (A) with `source` (B), kept in the worker; without `source`, compares again with the B kept. */
  compareWith: [{ source?: CompareSource }, Comparison];
  /** Takes B's instructions or one of its demos into the document as one change; answers the program and its undoable record. */
  compareTake: [{ take: TakeRequest }, { program: Program; edit: Edit }];
  /** Drops the other side. */
  compareClose: [Record<string, never>, Record<string, never>];
  /** Pickles only: one page of the pickletools-style disassembly, from an opcode offset (0 or a page's nextOffset). */
  disassembly: [
    { offset: number; limit: number },
    {
      rows: Array<{ offset: number; code: number; name: string; arg: string; depth: number }>;
      nextOffset: number | null;
      streamBytes: number;
      error?: ErrorInfo;
    },
  ];
  /** Torch files only: a page of the tensor table, for one module's subtree or the whole file, in file order or largest first. */
  tensors: [
    { offset: number; limit: number; moduleId?: string; sort?: 'file' | 'size' },
    { rows: TensorRow[]; total: number; totalBytes: number; fileTotal: number },
  ];
  /** Reads one tensor's storage span (the only time tensor bytes are read) for its first values, min, max and mean. */
  tensorPreview: [
    { index: number; count?: number },
    { first: Array<number | bigint | boolean>; numel: number; min: number | null; max: number | null; mean: number | null; nanCount: number },
  ];
};

export type Method = keyof WorkerMethods;
export type Params<M extends Method> = WorkerMethods[M][0];
export type Result<M extends Method> = WorkerMethods[M][1];

export type { Progress } from './kit/messages';
