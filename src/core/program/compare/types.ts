/**
 * The comparison of two analysed programs, as plain data: it crosses the worker boundary and is
 * the JSON export as is. Side A is the left (the open document in the page), B the right.
 */

export interface SideInfo {
  label: string;
  formatLabel: string;
  /** How the bytes were decoded ("gzip → json"), when known. */
  recipe?: string;
  era?: string;
  eraLabel?: string;
  version?: string;
  predictors: number;
  demos: number;
}

/** One row of a small key/value table (lm settings, params, metadata, fields). */
export interface ValueChange {
  /** Dotted key path ("dependency_versions.dspy") or field property ("answer: prefix"). */
  key: string;
  /** Absent on the side that lacks the key. Values are kept as saved (JSON-able). */
  a?: unknown;
  b?: unknown;
}

export interface WordCount {
  added: number;
  removed: number;
}

/** A run of the word diff: kept, added (only in B) or removed (only in A). */
export interface WordPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

export interface InstructionsChange extends WordCount {
  a: string;
  b: string;
  parts: WordPart[];
}

export interface FieldRow {
  /** Field name on side B (A when removed). */
  field: string;
  change: 'added' | 'removed' | 'changed';
  /** What changed, for `changed`: prefix, description, name, role, type. */
  props: ValueChange[];
}

export type DemoMatch = 'uuid' | 'content' | 'inputs' | 'similarity';

export interface DemoFieldChange {
  field: string;
  a?: unknown;
  b?: unknown;
}

export interface DemoChange {
  change: 'added' | 'removed' | 'changed' | 'moved';
  /** Index in A's demo list (absent when added). */
  a?: number;
  /** Index in B's demo list (absent when removed). */
  b?: number;
  /** For matched pairs: how they were paired. */
  matchedBy?: DemoMatch;
  /** A changed demo may also have moved. */
  moved?: boolean;
  /** For `changed`: the fields that differ, including flags such as `augmented`. */
  fields?: DemoFieldChange[];
  /** A short line for people: the first input field's value, clipped. */
  title: string;
}

export interface DemoCounts {
  a: number;
  b: number;
  same: number;
  added: number;
  removed: number;
  changed: number;
  moved: number;
}

export interface PredictorComparison {
  /** Module id on side B (A when removed). */
  id: string;
  aId?: string;
  bId?: string;
  status: 'same' | 'changed' | 'added' | 'removed';
  /** How the two were paired: same path, path across eras (`x` ↔ `x.predict`), or signature. */
  matchedBy?: 'path' | 'era-path' | 'signature';
  instructions?: InstructionsChange;
  fields: FieldRow[];
  demoCounts: DemoCounts;
  /** Added, removed, changed and moved demos only; unchanged ones are counted, not listed. */
  demos: DemoChange[];
  /** True when the similarity pass was skipped because too many demos were left unmatched. */
  similarityCapped?: boolean;
  lm: ValueChange[];
  params: ValueChange[];
  summary: string;
}

export interface Comparison {
  a: SideInfo;
  b: SideInfo;
  /** Set once when the two files come from different format eras or versions. */
  eraNote?: string;
  /** True when the two programs are the same in meaning (the era may still differ: see eraNote). */
  same: boolean;
  predictors: PredictorComparison[];
  metadata: ValueChange[];
  summary: string;
}

export interface CompareProgress {
  /** 0..1 */
  fraction: number;
  stage: string;
}
