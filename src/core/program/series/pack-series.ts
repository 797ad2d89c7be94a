/**
 * Writes a series back: every checkpoint as a full snapshot, or the first as a snapshot and each
 * next one as a JSON Patch against the one before it (history's minimal diff). Names follow the
 * proposal's scheme (`BASE.v1`, `BASE.v2.TAG`); files go out one by one or in one zip. The sizes of
 * both layouts are reported so the user sees what the diffs save.
 */
import { zipSync } from 'fflate';
import { FormatError } from '../../engine/errors';
import { diffValues } from '../history/diff-values';
import { recipeFor } from '../../engine/layers/recipe';
import { encodeDocument } from '../../engine/pipeline/encode';
import { proposalName, proposalParts } from './series-names';
import type { Checkpoint, CheckpointKind } from './series-types';

export type PackMode = 'snapshots' | 'diffs';
export type PackContainer = 'files' | 'zip';

export interface PackOptions {
  mode: PackMode;
  container: PackContainer;
  /** The series' base name (`qa_run`, or `ckpt_epoch` from `ckpt_epoch_4.pt`). */
  base: string;
  /** JSON indent; 2 keeps the files readable and diffable. */
  indent?: number;
}

export interface PackedFile {
  name: string;
  kind: CheckpointKind;
  bytes: Uint8Array;
}

export interface PackResult {
  /** The files of the chosen layout (also when zipped, for their names and sizes). */
  files: PackedFile[];
  zip?: { name: string; bytes: Uint8Array };
  /** Total bytes of each layout, as separate files. */
  sizes: Record<PackMode, number>;
  /** Checkpoints left out because they could not be loaded. */
  skipped: Array<{ name: string; reason: string }>;
}

async function encodeJson(value: unknown, indent: number): Promise<Uint8Array> {
  return encodeDocument({ value, recipe: recipeFor({ syntax: 'json', indent }) });
}

export async function packLayouts(usable: readonly Checkpoint[], base: string, indent = 2): Promise<Record<PackMode, PackedFile[]>> {
  const snapshots: PackedFile[] = [];
  const diffs: PackedFile[] = [];
  let previous: unknown;
  for (const [i, cp] of usable.entries()) {
    const parts = proposalParts({ base, order: cp.order, ...(cp.tag !== undefined ? { tag: cp.tag } : {}) });
    const name = proposalName(parts.base, i + 1, parts.tag);
    const full = await encodeJson(cp.value, indent);
    snapshots.push({ name, kind: 'full', bytes: full });
    diffs.push(i === 0 ? { name, kind: 'full', bytes: full } : { name, kind: 'diff', bytes: await encodeJson(diffValues(previous, cp.value), indent) });
    previous = cp.value;
  }
  return { snapshots, diffs };
}

export async function packSeries(checkpoints: readonly Checkpoint[], options: PackOptions): Promise<PackResult> {
  const usable = checkpoints.filter((c) => c.value !== undefined);
  const skipped = checkpoints.filter((c) => c.value === undefined).map((c) => ({ name: c.name, reason: c.error?.message ?? 'not loaded' }));
  if (usable.length === 0)
    throw new FormatError({ code: 'invalid', layer: 'series', message: 'No checkpoint of this series could be loaded, so there is nothing to write.' });
  const layouts = await packLayouts(usable, options.base, options.indent ?? 2);
  const total = (files: PackedFile[]) => files.reduce((n, f) => n + f.bytes.length, 0);
  const files = layouts[options.mode];
  const result: PackResult = { files, sizes: { snapshots: total(layouts.snapshots), diffs: total(layouts.diffs) }, skipped };
  if (options.container === 'zip') {
    const entries: Record<string, Uint8Array> = {};
    for (const f of files) entries[f.name] = f.bytes;
    const root = proposalParts({ base: options.base, order: 0 }).base;
    result.zip = {
      name: `${root}.${options.mode === 'diffs' ? 'diffs' : 'snapshots'}.zip`,
      bytes: zipSync(entries, { level: 6, mtime: new Date('2000-01-01T00:00:00Z') }),
    };
  }
  return result;
}
