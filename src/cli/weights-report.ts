/**
 * The command line's view of weights files (safetensors, NumPy, GGUF): opened by range, never read
 * whole; a tensor table with totals, metadata, notes, and the safety report of any pickle inside.
 */
import { formatCount } from '../core/engine/errors.ts';
import type { ByteSource } from '../core/engine/byte-source.ts';
import { readSafetensorsHeader, type SafetensorsHeader } from '../core/engine/weights/safetensors.ts';
import { joinShards, parseShardIndex, type JoinedShards } from '../core/engine/weights/shards.ts';
import { formatParams, type TensorRow, type TensorTotals } from '../core/engine/weights/tensor-tree.ts';
import { readWeightsFile, sniffWeights, WEIGHTS_SNIFF_BYTES, type WeightsFile } from '../core/engine/weights/weights-file.ts';
import type { CliIo } from './cli-io.ts';

export interface OpenedWeights {
  file: WeightsFile;
  source: ByteSource & { close(): void };
}

/**
 * The weights file at `path`, or undefined when its bytes are not one (then nothing stays open). A file
 * with object arrays is left to the pickle path, whose safety report comes first.
 */
export async function openWeights(io: CliIo, path: string): Promise<OpenedWeights | undefined> {
  const source = await io.openSource(path);
  try {
    if (!sniffWeights(source.read(0, WEIGHTS_SNIFF_BYTES), source.size)) {
      source.close();
      return undefined;
    }
    const file = readWeightsFile(source);
    if (file.pickles.length > 0) {
      source.close();
      return undefined;
    }
    return { file, source };
  } catch (e) {
    source.close();
    throw e;
  }
}

function bytesText(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(2)} GiB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}

function tableLines(rows: readonly TensorRow[], totals: TensorTotals): string[] {
  const lines = [`tensors: ${formatCount(totals.tensors)}, ${formatParams(totals.params)} parameters, ${bytesText(totals.bytes)}`];
  for (const d of totals.byDtype)
    lines.push(`  ${d.dtype.padEnd(8)} ${formatCount(d.tensors).padStart(6)} tensors  ${formatParams(d.params).padStart(8)} params  ${bytesText(d.bytes)}`);
  const width = Math.min(60, Math.max(...rows.map((r) => r.name.length), 4));
  for (const r of rows) {
    lines.push(`  ${r.name.padEnd(width)}  ${r.dtype.padEnd(8)}  [${r.shape.join(', ')}]  ${formatCount(r.bytes)} bytes${r.shard ? `  (${r.shard})` : ''}`);
  }
  return lines;
}

export function weightsLines(path: string, w: WeightsFile, size: number): string[] {
  const lines: string[] = [];
  lines.push(`file:    ${path}`, `format:  ${w.format}${w.version ? ` ${w.version}` : ''}`, `size:    ${formatCount(size)} bytes`);
  if (w.metadata.length > 0) {
    lines.push('metadata:');
    for (const m of w.metadata) lines.push(`  ${m.key} (${m.type}): ${m.text.length > 200 ? `${m.text.slice(0, 200)}…` : m.text}`);
  }
  lines.push(...tableLines(w.tensors, w.totals));
  for (const n of w.notes) lines.push(`note:    ${n}`);
  return lines;
}

export function weightsJson(path: string, w: WeightsFile, size: number): unknown {
  const { header: _header, pickles: _pickles, ...rest } = w;
  return { file: path, size, ...rest };
}

/** A safetensors index beside its shards: the shards it names are read from the same folder. */
export async function inspectShardIndex(io: CliIo, path: string, text: string): Promise<JoinedShards | undefined> {
  let index;
  try {
    index = parseShardIndex(text);
  } catch {
    return undefined;
  }
  const folder = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
  const shards = new Map<string, SafetensorsHeader>();
  for (const name of new Set(index.weightMap.values())) {
    let source;
    try {
      source = await io.openSource(folder + name);
    } catch {
      continue; // reported as a missing shard
    }
    try {
      shards.set(name, readSafetensorsHeader(source));
    } finally {
      source.close();
    }
  }
  return joinShards(index, shards);
}

export function shardLines(path: string, joined: JoinedShards): string[] {
  const lines = [`file:    ${path}`, `format:  sharded safetensors (${new Set(joined.tensors.map((t) => t.shard)).size} shards read)`];
  lines.push(...tableLines(joined.tensors, joined.totals));
  for (const s of joined.missingShards) lines.push(`missing: shard ${s} (named in the index, not found)`);
  for (const t of joined.missingTensors) lines.push(`missing: tensor ${t} (the index places it in a shard that lacks it)`);
  for (const t of joined.unlistedTensors) lines.push(`extra:   tensor ${t} is not in the index there`);
  if (joined.totalSize && joined.totalSize.declared !== joined.totalSize.actual) {
    lines.push(`note:    the index's total_size is ${formatCount(joined.totalSize.declared)} bytes; the tensors hold ${formatCount(joined.totalSize.actual)}`);
  }
  return lines;
}
