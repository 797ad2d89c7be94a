/**
 * Holds one open checkpoint series in its own worker: the decoded members and every materialised
 * checkpoint (which share untouched subtrees, as diffs path-copy). A dedicated worker, not methods
 * on the document worker, because a series outlives the document opened from it: "Open this
 * checkpoint" replaces the document worker, and the timeline must still be there to come back to.
 * The page asks for rows, comparisons and bytes; values never cross over whole.
 */
import { FormatError } from '../core/engine/errors';
import { recipeFor } from '../core/engine/layers/recipe';
import { encodeDocument } from '../core/engine/pipeline/encode';
import { compareCheckpoints, programText, type CheckpointComparison } from '../core/program/series/compare-checkpoints';
import { packSeries, type PackContainer, type PackMode, type PackResult } from '../core/program/series/pack-series';
import { readSeries, timelineOf } from '../core/program/series/read-series';
import { proposalName, proposalParts } from '../core/program/series/series-names';
import type { Checkpoint, SeriesTimeline } from '../core/program/series/series-types';
import { ownBuffer, transfer } from './kit/transfer';

export interface SeriesMemberMessage {
  name: string;
  bytes: ArrayBuffer;
  order: number;
  tag?: string;
  modified?: number;
}

export interface SeriesComparison {
  a: number;
  b: number;
  comparison: CheckpointComparison;
  /** The whole programs as JSON text, for the side-by-side view. */
  textA: string;
  textB: string;
}

/** Method name -> [params, result], served by the worker kit. */
export type SeriesMethods = {
  open: [{ base: string; members: SeriesMemberMessage[] }, SeriesTimeline];
  compare: [{ a: number; b: number }, SeriesComparison];
  checkpointBytes: [{ index: number }, { name: string; bytes: Uint8Array }];
  pack: [{ mode: PackMode; container: PackContainer }, PackResult];
};

export type SeriesMethod = keyof SeriesMethods;
export type SeriesParams<M extends SeriesMethod> = SeriesMethods[M][0];
export type SeriesResult<M extends SeriesMethod> = SeriesMethods[M][1];

export class SeriesHost {
  private base = '';
  private checkpoints: Checkpoint[] = [];

  async open({ base, members }: SeriesParams<'open'>): Promise<SeriesTimeline> {
    const checkpoints = await readSeries(
      members.map((m) => ({
        name: m.name,
        bytes: new Uint8Array(m.bytes),
        order: m.order,
        ...(m.tag !== undefined ? { tag: m.tag } : {}),
        ...(m.modified !== undefined ? { modified: m.modified } : {}),
      })),
    );
    this.base = base;
    this.checkpoints = checkpoints;
    return timelineOf(base, checkpoints);
  }

  private loaded(index: number): Checkpoint & { value: unknown } {
    const cp = this.checkpoints[index];
    if (!cp) throw new FormatError({ code: 'invalid', layer: 'series', message: `There is no checkpoint ${index + 1} in this series.` });
    if (cp.value === undefined)
      throw new FormatError({ code: 'invalid', layer: 'series', message: `${cp.name} could not be loaded: ${cp.error?.message ?? 'no program'}` });
    return cp as Checkpoint & { value: unknown };
  }

  compare({ a, b }: SeriesParams<'compare'>): SeriesComparison {
    const ca = this.loaded(a);
    const cb = this.loaded(b);
    return { a, b, comparison: compareCheckpoints(ca.value, cb.value), textA: programText(ca.value), textB: programText(cb.value) };
  }

  /** The materialised program as a JSON file, to be opened as an ordinary document. */
  async checkpointBytes({ index }: SeriesParams<'checkpointBytes'>): Promise<SeriesResult<'checkpointBytes'>> {
    const cp = this.loaded(index);
    const parts = proposalParts({ base: this.base, order: cp.order, ...(cp.tag !== undefined ? { tag: cp.tag } : {}) });
    const bytes = await encodeDocument({ value: cp.value, recipe: recipeFor({ syntax: 'json', indent: 2 }) });
    // Made for the page alone: moved there, not copied.
    return transfer({ name: `${proposalName(parts.base, index + 1, parts.tag)}.json`, bytes }, [ownBuffer(bytes)]);
  }

  async pack({ mode, container }: SeriesParams<'pack'>): Promise<PackResult> {
    const result = await packSeries(this.checkpoints, { mode, container, base: this.base });
    // The packed bytes share no buffer with the checkpoints; a diff file's first entry is the snapshot's bytes, listed once.
    return transfer(result, [ownBuffer(result.zip?.bytes), ...result.files.map((f) => ownBuffer(f.bytes))]);
  }
}
