/**
 * A folder of files that travel together, opened as one thing: a Hugging Face model folder
 * (config.json, safetensors shards and their index, tokenizer files, training_args.bin) or a
 * dspy.Embeddings folder (config.json + corpus_embeddings.npy). Every file is read by its bytes,
 * header first; the summary says what the folder holds, and every file stays reachable by name.
 */
import { FormatError, toErrorInfo, type ErrorInfo } from '../errors.ts';
import type { ByteSource } from '../byte-source.ts';
import type { SafetensorsHeader } from './safetensors.ts';
import { joinShards, parseShardIndex, type JoinedShards } from './shards.ts';
import { tensorTotals, type TensorRow, type TensorTotals } from './tensor-tree.ts';
import { readWeightsFile, sniffWeights, WEIGHTS_SNIFF_BYTES, type MetadataRow, type WeightsFile, type WeightsFormat } from './weights-file.ts';

export interface FolderFile {
  /** The path inside the folder, e.g. `model-00001-of-00002.safetensors`. */
  name: string;
  source: ByteSource;
}

export type FileRole = 'weights' | 'shard-index' | 'config' | 'tokenizer' | 'pickle' | 'json' | 'other';

export interface FolderEntry {
  name: string;
  size: number;
  role: FileRole;
  /** The weights format its bytes show, when it is one. */
  format?: WeightsFormat;
  /** Format version (GGUF 3, npy 1.0), when it has one. */
  version?: string;
  /** Its own metadata (safetensors' __metadata__, GGUF key/values), shown and edited per file. */
  metadata?: MetadataRow[];
  /** Why this file could not be read, when it could not. */
  error?: ErrorInfo;
}

export interface FolderSummary {
  kind: 'hf-model' | 'embeddings' | 'weights';
  /** From config.json: `architectures[0]` or `model_type`. */
  architecture?: string;
  /** The dtype config.json names (`torch_dtype`), else the most common one by bytes. */
  dtype?: string;
  tensors: TensorRow[];
  totals: TensorTotals;
  /** For an embeddings folder: how many vectors and their dimension. */
  embeddings?: { count: number; dimension: number };
  shards?: Omit<JoinedShards, 'tensors' | 'totals'>;
  files: FolderEntry[];
  /** Files whose bytes are pickles (training_args.bin, optimizer.pt): each one goes through the safety report. */
  pickles: string[];
  notes: string[];
}

const MAX_JSON = 16 * 1024 * 1024;

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function readJson(file: FolderFile): unknown {
  if (file.source.size > MAX_JSON) throw new FormatError({ code: 'limit', layer: 'json', message: `${file.name} is larger than ${MAX_JSON} bytes` });
  return JSON.parse(new TextDecoder().decode(file.source.read(0, file.source.size)));
}

function roleOf(name: string, head: Uint8Array, size: number): { role: FileRole; format?: WeightsFormat } {
  const base = baseName(name);
  const format = sniffWeights(head, size);
  if (format) return { role: 'weights', format };
  if (/\.safetensors\.index\.json$/.test(base)) return { role: 'shard-index' };
  if (base === 'config.json' || base === 'generation_config.json') return { role: 'config' };
  if (/^(tokenizer|special_tokens_map|vocab|merges|added_tokens)/.test(base) || base.endsWith('.model')) return { role: 'tokenizer' };
  // A pickle with a protocol header, or a zip (torch.save's container for training_args.bin, optimizer.pt).
  const pickleHead = head[0] === 0x80 && (head[1] ?? 0) >= 2 && (head[1] ?? 0) <= 5;
  const zipHead = head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  if (pickleHead || zipHead) return { role: 'pickle' };
  if (head[0] === 0x7b || head[0] === 0x5b) return { role: 'json' };
  return { role: 'other' };
}

/** The summary, and each weights file's parsed header for previews and metadata edits. */
export function readModelFolder(files: readonly FolderFile[]): FolderSummary {
  return readModelFolderWithHeaders(files).summary;
}

export function readModelFolderWithHeaders(files: readonly FolderFile[]): { summary: FolderSummary; parsed: Map<string, WeightsFile> } {
  const parsed = new Map<string, WeightsFile>();
  const entries: FolderEntry[] = [];
  // Safetensors headers by base name (an index names shards without a folder), and back to the full name.
  const headers = new Map<string, SafetensorsHeader>();
  const fullName = new Map<string, string>();
  const rows: TensorRow[] = [];
  const notes: string[] = [];
  let config: Record<string, unknown> | undefined;
  let index: ReturnType<typeof parseShardIndex> | undefined;
  let embeddings: FolderSummary['embeddings'];
  for (const file of files) {
    const head = file.source.read(0, WEIGHTS_SNIFF_BYTES);
    const { role, format } = roleOf(file.name, head, file.source.size);
    const entry: FolderEntry = { name: file.name, size: file.source.size, role, ...(format ? { format } : {}) };
    entries.push(entry);
    try {
      if (format) {
        const w = readWeightsFile(file.source);
        parsed.set(file.name, w);
        entry.metadata = w.metadata;
        // What the file's own reader noticed (a chat template reaching Python objects, Fortran order) is the folder's to say too.
        for (const n of w.notes) notes.push(files.length > 1 ? `${baseName(file.name)}: ${n}` : n);
        if (w.version) entry.version = w.version;
        if (w.header.format === 'safetensors') {
          headers.set(baseName(file.name), w.header);
          fullName.set(baseName(file.name), file.name);
          continue;
        }
        // Tensors of several files live side by side under their file's name; a lone file's keep their own.
        const lone = files.length === 1;
        for (const t of w.tensors) {
          const name = lone ? t.name : w.tensors.length === 1 ? baseName(file.name).replace(/\.npy$/, '') : `${baseName(file.name)}.${t.name}`;
          rows.push({ ...t, name, shard: file.name });
        }
        if (baseName(file.name) === 'corpus_embeddings.npy' && w.tensors[0]?.shape.length === 2) {
          const [count = 0, dimension = 0] = w.tensors[0].shape;
          embeddings = { count, dimension };
        }
        if (w.pickles.length > 0) entry.role = 'pickle';
      } else if (role === 'shard-index') {
        index = parseShardIndex(new TextDecoder().decode(file.source.read(0, Math.min(file.source.size, MAX_JSON))));
      } else if (baseName(file.name) === 'config.json') {
        const value = readJson(file);
        if (typeof value === 'object' && value !== null && !Array.isArray(value)) config = value as Record<string, unknown>;
      }
    } catch (e) {
      entry.error = toErrorInfo(e, format ?? 'read');
    }
  }
  let shards: FolderSummary['shards'];
  if (index) {
    const joined = joinShards(index, headers);
    const { tensors, totals: _totals, ...rest } = joined;
    rows.push(...tensors.map((t) => ({ ...t, shard: fullName.get(t.shard ?? '') ?? t.shard })));
    shards = rest;
    for (const s of rest.missingShards) notes.push(`Shard ${s} is named in the index but was not in the folder.`);
    for (const s of rest.extraShards) notes.push(`${s} is not named in the index.`);
  } else {
    for (const [name, header] of headers) {
      for (const t of header.tensors)
        rows.push({ name: t.name, dtype: t.dtype, shape: t.shape, bytes: t.bytes, params: t.params, offset: t.offset, shard: fullName.get(name) ?? name });
    }
  }
  const totals = tensorTotals(rows);
  const architecture = config
    ? (firstString(config['architectures']) ?? (typeof config['model_type'] === 'string' ? config['model_type'] : undefined))
    : undefined;
  const dtype = typeof config?.['torch_dtype'] === 'string' ? (config['torch_dtype'] as string) : totals.byDtype[0]?.dtype;
  const pickles = entries.filter((e) => e.role === 'pickle').map((e) => e.name);
  for (const p of pickles) notes.push(`${p} is a pickle: loading it runs whatever code it names. Its safety report grades what that would be.`);
  const kind: FolderSummary['kind'] = embeddings ? 'embeddings' : config && (index || headers.size > 0) ? 'hf-model' : 'weights';
  const summary: FolderSummary = {
    kind,
    ...(architecture ? { architecture } : {}),
    ...(dtype ? { dtype } : {}),
    tensors: rows,
    totals,
    ...(embeddings ? { embeddings } : {}),
    ...(shards ? { shards } : {}),
    files: entries,
    pickles,
    notes,
  };
  return { summary, parsed };
}

function firstString(v: unknown): string | undefined {
  return Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined;
}
