/**
 * The numbers a timeline shows for one checkpoint: demos and instruction length per module (from
 * the program model, which counts demos without reading them), and any score or training number
 * the file carries at its top level or in its metadata.
 */
import { analyzeProgram } from '../formats/analyze';
import { isObject } from '../model/keys';
import type { CheckpointSummary } from './series-types';

/** Names looked for, in the order the timeline shows them. */
export const METRIC_KEYS = ['optimization_score', 'score', 'metric', 'epoch', 'loss'] as const;

function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'bigint') return Number(v);
  return undefined;
}

function findMetrics(places: unknown[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of METRIC_KEYS) {
    for (const place of places) {
      if (!isObject(place) || !Object.prototype.hasOwnProperty.call(place, key)) continue;
      const n = asNumber(place[key]);
      if (n !== undefined) {
        out[key] = n;
        break;
      }
    }
  }
  return out;
}

export function summariseCheckpoint(value: unknown, name?: string): CheckpointSummary {
  const program = analyzeProgram(value, name !== undefined ? { name } : {});
  const modules = program.modules.map((m) => ({ id: m.id, demos: m.demoCount, instructionLength: m.signature?.instructions?.length ?? 0 }));
  const top = isObject(value) ? value : undefined;
  const metrics = findMetrics([top, top?.metadata, program.metadata]);
  return {
    formatLabel: program.formatLabel,
    modules,
    totalDemos: modules.reduce((n, m) => n + m.demos, 0),
    totalInstructionLength: modules.reduce((n, m) => n + m.instructionLength, 0),
    metrics,
  };
}
