/**
 * A checkpoint series: the saves of one training run, in order. Each member is a full program or
 * a JSON Patch (RFC 6902) against the checkpoint before it; every checkpoint is materialised
 * (base plus the diffs up to it) so any one can be shown, compared or opened.
 */
import type { ErrorInfo } from '../../engine/errors';

/** One file of a series, before decoding. */
export interface SeriesMemberInput {
  name: string;
  bytes: Uint8Array;
  /** Version or step number: members are applied in this order. */
  order: number;
  /** The proposal's tag (`best` in `run.v3.best`), when the name has one. */
  tag?: string;
  /** When the file was last changed (ms since 1970), when known: a browser File's lastModified. */
  modified?: number;
}

export type CheckpointKind = 'full' | 'diff';

/** The operation of a diff that did not apply, so the break can be shown where it is. */
export interface FailedOperation {
  /** Position of the operation in the diff (0-based). */
  index: number;
  op: string;
  path: string;
}

export type CheckpointError = ErrorInfo & { operation?: FailedOperation };

/** Numbers read from one checkpoint, for the timeline and the chart. */
export interface CheckpointSummary {
  /** Program format as recognised ("DSPy state JSON", "PyTorch checkpoint"). */
  formatLabel: string;
  modules: Array<{ id: string; demos: number; instructionLength: number }>;
  totalDemos: number;
  totalInstructionLength: number;
  /** Scores and training numbers found in the file: optimization_score, score, metric, epoch, loss. */
  metrics: Record<string, number>;
}

export interface Checkpoint {
  /** Position in the series (0-based). */
  index: number;
  name: string;
  order: number;
  tag?: string;
  /** Bytes of the file as given. */
  size: number;
  modified?: number;
  /** "gzip → json": how the file was stored. */
  recipe?: string;
  /** Absent when the file could not be decoded at all. */
  kind?: CheckpointKind;
  /** Operations in a diff member. */
  opCount?: number;
  /** The materialised program; absent when this checkpoint is broken or follows a broken one. */
  value?: unknown;
  summary?: CheckpointSummary;
  error?: CheckpointError;
}

/** A checkpoint as the page sees it: everything but the value. */
export type CheckpointRow = Omit<Checkpoint, 'value'>;

export interface SeriesTimeline {
  base: string;
  checkpoints: CheckpointRow[];
  /** Names of the numbers the chart can show, in a stable order. */
  metricNames: string[];
}
