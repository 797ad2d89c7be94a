/**
 * One summary for every weights file: which format, its metadata, a tensor table with totals per
 * dtype and per module, and the pickles an object array would make a loader run. Headers only: the
 * tensor bytes are read by `previewTensor` when asked.
 */
import { FormatError } from '../errors.ts';
import { DEFAULT_LIMITS, type Limits } from '../limits.ts';
import type { ByteSource } from '../byte-source.ts';
import { looksLikeZip } from '../torch/zip-directory.ts';
import { chatTemplateWarnings, looksLikeGguf, readGgufHeader, type GgufHeader, type GgufValue } from './gguf.ts';
import { looksLikeNpy, readNpyHeader, type NpyHeader } from '../numpy/npy.ts';
import { readNpz } from './npz.ts';
import { looksLikeSafetensors, readSafetensorsHeader, type SafetensorsHeader } from './safetensors.ts';
import { tensorTotals, type TensorRow, type TensorTotals } from './tensor-tree.ts';

export type WeightsFormat = 'safetensors' | 'npy' | 'npz' | 'gguf';

export interface MetadataRow {
  key: string;
  /** GGUF value type, or 'string' for safetensors' string map. */
  type: string;
  /** The value as text; arrays summarised. */
  text: string;
  editable: boolean;
}

/** A pickle a loader would unpickle: an object array's payload. */
export interface EmbeddedPickle {
  member: string;
  bytes: Uint8Array;
}

export interface WeightsFile {
  format: WeightsFormat;
  /** Format version where the format has one: '3' (GGUF), '1.0' (npy). */
  version?: string;
  metadata: MetadataRow[];
  tensors: TensorRow[];
  totals: TensorTotals;
  notes: string[];
  pickles: EmbeddedPickle[];
  /** The parsed header, for edits and previews. */
  header: SafetensorsHeader | GgufHeader | NpyHeader | { format: 'npz'; members: Array<{ name: string; header: NpyHeader }> };
}

/** Which weights format the bytes start like, if any. `.npz` is a zip whose first member is an .npy. */
export function sniffWeights(head: Uint8Array, fileSize: number): WeightsFormat | undefined {
  if (looksLikeGguf(head)) return 'gguf';
  if (looksLikeNpy(head)) return 'npy';
  if (looksLikeSafetensors(head, fileSize)) return 'safetensors';
  if (looksLikeZip(head)) {
    const nameLength = (head[26] ?? 0) | ((head[27] ?? 0) << 8);
    const name = new TextDecoder().decode(head.subarray(30, 30 + nameLength));
    if (name.endsWith('.npy')) return 'npz';
  }
  return undefined;
}

/** Bytes a header sniff needs: a zip's first member name can be long. */
export const WEIGHTS_SNIFF_BYTES = 30 + 512;

function ggufText(value: GgufValue): string {
  if (value.type !== 'array') return typeof value.value === 'string' ? value.value : String(value.value);
  const shown = value.items.map((v) => (typeof v === 'string' ? JSON.stringify(v) : String(v))).join(', ');
  return `[${shown}${value.truncated ? `, … ${value.length.toLocaleString('en-US')} items` : ''}]`;
}

export function readWeightsFile(source: ByteSource, limits: Limits = DEFAULT_LIMITS): WeightsFile {
  const format = sniffWeights(source.read(0, WEIGHTS_SNIFF_BYTES), source.size);
  switch (format) {
    case 'safetensors': {
      const header = readSafetensorsHeader(source);
      const tensors = header.tensors.map((t) => ({ name: t.name, dtype: t.dtype, shape: t.shape, bytes: t.bytes, params: t.params, offset: t.offset }));
      const metadata = Object.entries(header.metadata ?? {}).map(([key, text]) => ({ key, type: 'string', text, editable: true }));
      return { format, metadata, tensors, totals: tensorTotals(tensors), notes: [], pickles: [], header };
    }
    case 'gguf': {
      const header = readGgufHeader(source);
      const tensors = header.tensors.map((t) => ({ name: t.name, dtype: t.type, shape: t.shape, bytes: t.bytes ?? 0, params: t.params, offset: t.offset }));
      const metadata = header.metadata.map((e) => ({
        key: e.key,
        type: e.value.type === 'array' ? `array of ${e.value.itemType}` : e.value.type,
        text: ggufText(e.value),
        editable: e.value.type !== 'array' && e.key !== 'general.alignment',
      }));
      const template = header.metadata.find((e) => e.key === 'tokenizer.chat_template');
      const notes: string[] = [];
      if (template && template.value.type === 'string') {
        for (const w of chatTemplateWarnings(String(template.value.value))) notes.push(`The chat template (Jinja, run by the serving stack) contains ${w}.`);
      }
      const unknown = header.tensors.filter((t) => t.bytes === undefined).length;
      if (unknown) notes.push(`${unknown} tensor(s) have a ggml type whose size is not known here; their bytes are not counted.`);
      return { format, version: String(header.version), metadata, tensors, totals: tensorTotals(tensors), notes, pickles: [], header };
    }
    case 'npy': {
      const header = readNpyHeader(source);
      return { format, version: header.version, ...npyParts([{ name: 'array', header, source }], limits), header };
    }
    case 'npz': {
      const members = readNpz(source, limits);
      return { format, ...npyParts(members, limits), header: { format: 'npz', members: members.map((m) => ({ name: m.name, header: m.header })) } };
    }
    default:
      throw new FormatError({ code: 'unknown-format', layer: 'weights', message: 'Not a safetensors, NumPy or GGUF file' });
  }
}

function npyParts(
  members: Array<{ name: string; header: NpyHeader; source: ByteSource }>,
  limits: Limits,
): Pick<WeightsFile, 'metadata' | 'tensors' | 'totals' | 'notes' | 'pickles'> {
  const tensors: TensorRow[] = [];
  const notes: string[] = [];
  const pickles: EmbeddedPickle[] = [];
  for (const { name, header, source } of members) {
    tensors.push({ name, dtype: header.dtype.name, shape: header.shape, bytes: header.dataBytes, params: header.count, offset: header.dataOffset });
    if (header.fortranOrder) notes.push(`${name} is stored in Fortran (column-major) order.`);
    if (header.dtype.kind === 'O') {
      if (header.dataBytes > limits.maxOutputBytes)
        throw new FormatError({
          code: 'limit',
          layer: 'npy',
          message: `The object array ${name} holds a ${header.dataBytes}-byte pickle, over the output limit`,
          offset: header.dataOffset,
        });
      pickles.push({ member: name, bytes: source.read(header.dataOffset, header.dataBytes) });
      notes.push(`${name} is an object array: numpy.load(allow_pickle=True) unpickles it. See the safety report.`);
    }
  }
  const metadata =
    members.length === 1 && members[0]
      ? [
          { key: 'fortran_order', type: 'bool', text: String(members[0].header.fortranOrder), editable: false },
          { key: 'descr', type: 'string', text: members[0].header.dtype.descr, editable: false },
        ]
      : [];
  return { metadata, tensors, totals: tensorTotals(tensors), notes, pickles };
}
