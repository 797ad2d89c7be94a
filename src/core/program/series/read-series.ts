/**
 * Bytes in, series out: decode every member with the format engine (any syntax, compression or
 * pickle it reads), then materialise and summarise. One member failing to decode is a break in the
 * series at that member, never the failure of the whole read.
 */
import { toErrorInfo } from '../../engine/errors';
import { describeRecipe } from '../../engine/layers/recipe';
import { decodeBytes, type DecodeOptions } from '../../engine/pipeline/decode';
import { materialiseSeries, type DecodedMember } from './materialise-series';
import { METRIC_KEYS } from './summarise-checkpoint';
import type { Checkpoint, CheckpointRow, SeriesMemberInput, SeriesTimeline } from './series-types';

export interface ReadSeriesOptions {
  signal?: AbortSignal;
  limits?: DecodeOptions['limits'];
  onMember?: (done: number, total: number) => void;
}

export async function readSeries(inputs: readonly SeriesMemberInput[], options: ReadSeriesOptions = {}): Promise<Checkpoint[]> {
  const ordered = [...inputs].sort((a, b) => a.order - b.order);
  const decoded: DecodedMember[] = [];
  for (const [i, input] of ordered.entries()) {
    const m: DecodedMember = {
      name: input.name,
      order: input.order,
      size: input.bytes.length,
      ...(input.tag !== undefined ? { tag: input.tag } : {}),
      ...(input.modified !== undefined ? { modified: input.modified } : {}),
    };
    try {
      const doc = await decodeBytes(input.bytes, {
        name: input.name,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.limits ? { limits: options.limits } : {}),
      });
      m.value = doc.value;
      m.recipe = describeRecipe(doc.recipe);
    } catch (e) {
      const info = toErrorInfo(e, 'decode');
      if (info.code === 'cancelled') throw e;
      m.decodeError = { ...info, message: `${input.name} could not be read: ${info.message}` };
    }
    decoded.push(m);
    options.onMember?.(i + 1, ordered.length);
  }
  return materialiseSeries(decoded);
}

export function toRow(cp: Checkpoint): CheckpointRow {
  const { value: _value, ...row } = cp;
  return row;
}

/** The page's view of a series: rows without values, and the numbers worth charting. */
export function timelineOf(base: string, checkpoints: readonly Checkpoint[]): SeriesTimeline {
  const metricNames: string[] = [];
  const found = new Set(checkpoints.flatMap((c) => Object.keys(c.summary?.metrics ?? {})));
  for (const k of METRIC_KEYS) if (found.has(k)) metricNames.push(k);
  // Demo and instruction counts only mean something where some module has either (not a torch dict).
  if (checkpoints.some((c) => c.summary?.modules.some((m) => m.demos > 0 || m.instructionLength > 0))) metricNames.push('total demos', 'instruction length');
  return { base, checkpoints: checkpoints.map(toRow), metricNames };
}

/** The value of a named number at one checkpoint, for the chart and the CLI. */
export function metricOf(cp: CheckpointRow, name: string): number | undefined {
  const s = cp.summary;
  if (!s) return undefined;
  if (name === 'total demos') return s.totalDemos;
  if (name === 'instruction length') return s.totalInstructionLength;
  return s.metrics[name];
}
