/**
 * A sharded safetensors model: `model.safetensors.index.json` maps each tensor to its shard
 * (`weight_map`). Joining the index with the shards' headers gives one tensor table, and says which
 * shards are missing, which files are not in the index, and which tensors disagree.
 */
import { FormatError } from '../errors.ts';
import { formatPointer } from '../json-pointer.ts';
import type { SafetensorsHeader } from './safetensors.ts';
import { tensorTotals, type TensorRow, type TensorTotals } from './tensor-tree.ts';

export interface ShardIndex {
  weightMap: Map<string, string>;
  metadata: Record<string, unknown>;
}

export interface JoinedShards {
  tensors: TensorRow[];
  totals: TensorTotals;
  /** Shards the index names but that were not given. */
  missingShards: string[];
  /** Shard files given that the index does not name. */
  extraShards: string[];
  /** Tensors the index places in a shard whose header does not have them. */
  missingTensors: string[];
  /** Tensors in a shard's header that the index does not list (or lists in another shard). */
  unlistedTensors: string[];
  /** The index's `metadata.total_size` against the sum of the tensors' bytes, when both are known. */
  totalSize?: { declared: number; actual: number };
}

export function parseShardIndex(text: string): ShardIndex {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new FormatError({ code: 'syntax', layer: 'safetensors index', message: `The index is not JSON: ${(e as Error).message}` });
  }
  const map = (value as { weight_map?: unknown } | null)?.weight_map;
  if (typeof map !== 'object' || map === null || Array.isArray(map)) {
    throw new FormatError({ code: 'invalid', layer: 'safetensors index', message: 'The index has no weight_map object', path: '/weight_map' });
  }
  const weightMap = new Map<string, string>();
  for (const [tensor, shard] of Object.entries(map as Record<string, unknown>)) {
    if (typeof shard !== 'string')
      throw new FormatError({
        code: 'invalid',
        layer: 'safetensors index',
        message: `weight_map.${tensor} is not a file name`,
        path: formatPointer(['weight_map', tensor]),
      });
    weightMap.set(tensor, shard);
  }
  const metadata = (value as { metadata?: unknown }).metadata;
  return { weightMap, metadata: typeof metadata === 'object' && metadata !== null ? (metadata as Record<string, unknown>) : {} };
}

export function joinShards(index: ShardIndex, shards: ReadonlyMap<string, SafetensorsHeader>): JoinedShards {
  const named = new Set(index.weightMap.values());
  const tensors: TensorRow[] = [];
  const unlistedTensors: string[] = [];
  const seen = new Set<string>();
  for (const [file, header] of shards) {
    for (const t of header.tensors) {
      if (index.weightMap.get(t.name) !== file) unlistedTensors.push(`${t.name} (in ${file})`);
      else seen.add(t.name);
      tensors.push({ name: t.name, dtype: t.dtype, shape: t.shape, bytes: t.bytes, params: t.params, offset: t.offset, shard: file });
    }
  }
  const missingShards = [...named].filter((f) => !shards.has(f)).sort();
  const extraShards = [...shards.keys()].filter((f) => !named.has(f)).sort();
  const missingTensors = [...index.weightMap].filter(([t, f]) => shards.has(f) && !seen.has(t)).map(([t]) => t);
  const totals = tensorTotals(tensors);
  const declared = index.metadata['total_size'];
  const joined: JoinedShards = { tensors, totals, missingShards, extraShards, missingTensors, unlistedTensors };
  if (typeof declared === 'number' && missingShards.length === 0) joined.totalSize = { declared, actual: totals.bytes };
  return joined;
}
