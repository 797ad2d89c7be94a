/**
 * Holds the weights files (or model folder) the page opened, in their own worker: headers only, read
 * by range from the page's File objects (FileReaderSync in the worker, byte arrays in tests). The page
 * asks for the summary, one tensor's preview, or an export plan: new header bytes plus ranges of the
 * original file, which the page turns into a Blob of File slices, so no file is ever held whole.
 */
import { FormatError, toErrorInfo, type ErrorInfo } from '../core/engine/errors';
import type { ByteSource } from '../core/engine/byte-source';
import { safetySummary } from '../core/engine/layers/pickle';
import { combineMembers, gradePickle } from '../core/engine/pickle/members';
import { openTorchFile } from '../core/engine/torch/torch-file';
import { GGML_PLAIN } from '../core/engine/weights/ggml-types';
import { ggufWithMetadata, parseGgufScalar, type GgufMetadataEdit } from '../core/engine/weights/gguf';
import { readModelFolderWithHeaders, type FolderSummary } from '../core/engine/weights/model-folder';
import { previewTensor, type WeightsPreview } from '../core/engine/weights/preview';
import { safetensorsWithMetadata } from '../core/engine/weights/safetensors';
import type { SplicePart } from '../core/engine/weights/splice-plan';
import type { WeightsFile } from '../core/engine/weights/weights-file';
import type { PickleSafety } from './protocol';

/** A metadata change as the page says it: a key set to text, or removed. */
export type MetadataChange = { key: string; value: string } | { key: string; remove: true };

export type OpenParams = { files: Array<{ name: string; file: Blob }> };
export type PreviewParams = { file: string; tensor: string };
export type ExportPlanParams = { file: string; changes: MetadataChange[] };
export type ExportPlan = { name: string; parts: SplicePart[] };
export type FileParams = { file: string };
/** Each change checked on its own, in order: the error says what is wrong with that one. */
export type CheckedChange = { key: string; error?: ErrorInfo };

/** The weights worker's methods, as the worker kit's table: name -> [params, result]. */
export type WeightsMethods = {
  open: [OpenParams, FolderSummary];
  preview: [PreviewParams, WeightsPreview];
  exportPlan: [ExportPlanParams, ExportPlan];
  checkMetadata: [ExportPlanParams, CheckedChange[]];
  pickleReport: [FileParams, PickleSafety];
};

export class WeightsHost {
  private sources = new Map<string, ByteSource>();
  private parsed = new Map<string, WeightsFile>();
  private summary: FolderSummary | undefined;

  constructor(private readonly sourceOf: (file: Blob) => ByteSource) {}

  open({ files }: OpenParams): FolderSummary {
    const sources = new Map(files.map((f) => [f.name, this.sourceOf(f.file)]));
    const { summary, parsed } = readModelFolderWithHeaders([...sources].map(([name, source]) => ({ name, source })));
    // Only now, when everything read, does the host replace what it held: a failed open leaves it as it was.
    this.sources = sources;
    this.parsed = parsed;
    this.summary = summary;
    return summary;
  }

  preview({ file, tensor }: PreviewParams): WeightsPreview {
    const source = this.sources.get(file);
    const row = this.summary?.tensors.find((t) => t.shard === file && t.name === tensor);
    const w = this.parsed.get(file);
    if (!source || !row || row.offset === undefined || !w)
      throw new FormatError({ code: 'invalid', layer: 'weights', message: `No tensor ${tensor} in ${file}` });
    if (w.header.format === 'safetensors') {
      const t = w.header.tensors.find((x) => x.offset === row.offset);
      if (!t) throw new FormatError({ code: 'invalid', layer: 'weights', message: `No tensor ${tensor} in ${file}` });
      return previewTensor(source, t);
    }
    if (w.header.format === 'gguf') {
      const t = w.header.tensors.find((x) => x.offset === row.offset);
      const plain = t ? GGML_PLAIN[t.typeId] : undefined;
      if (!t || !plain)
        return {
          kind: 'raw',
          numel: row.params,
          firstBytes: [...source.read(row.offset, 16)],
          reason: `${row.dtype} is a quantised type: its blocks are shown as raw bytes`,
        };
      return previewTensor(source, { dtype: plain, offset: t.offset, bytes: t.bytes ?? 0, params: t.params }, { littleEndian: w.header.littleEndian });
    }
    const npy = w.header.format === 'npy' ? w.header : undefined;
    const dtype = npy ? NPY_TO_WEIGHTS[`${npy.dtype.kind}${npy.dtype.itemSize}`] : NPY_TO_WEIGHTS[row.dtype];
    if (!dtype) return { kind: 'raw', numel: row.params, firstBytes: [...source.read(row.offset, 16)], reason: `${row.dtype} values are shown as raw bytes` };
    return previewTensor(source, { dtype, offset: row.offset, bytes: row.bytes, params: row.params }, { littleEndian: npy?.dtype.littleEndian ?? true });
  }

  exportPlan({ file, changes }: ExportPlanParams): ExportPlan {
    const { w, source } = this.opened(file);
    for (const c of changes) checkChange(w, c);
    if (w.header.format === 'safetensors') {
      const metadata: Record<string, string> = { ...(w.header.metadata ?? {}) };
      for (const c of changes) {
        if ('remove' in c) delete metadata[c.key];
        else metadata[c.key] = c.value;
      }
      const keep = Object.keys(metadata).length > 0 || w.header.metadata !== null;
      return { name: file, parts: safetensorsWithMetadata(w.header, keep ? metadata : null) };
    }
    if (w.header.format === 'gguf') {
      const existing = new Map(w.header.metadata.map((e) => [e.key, e.value]));
      const edits: GgufMetadataEdit[] = changes.map((c) => {
        if ('remove' in c) return c;
        const was = existing.get(c.key);
        const type = was && was.type !== 'array' ? was.type : 'string';
        return { key: c.key, value: parseGgufScalar(type, c.value, c.key), type };
      });
      return { name: file, parts: ggufWithMetadata(w.header, source, edits) };
    }
    throw new FormatError({ code: 'unsupported', layer: w.format, message: `${w.format} files have no metadata to edit` });
  }

  /** What is wrong with each change, checked before anything is exported, so the page can say it where it was typed. */
  checkMetadata({ file, changes }: ExportPlanParams): CheckedChange[] {
    const { w } = this.opened(file);
    const seen = new Set<string>();
    return changes.map((c) => {
      try {
        if (seen.has(c.key)) throw invalid(w.format, `${c.key} is changed twice: keep one of the two`);
        seen.add(c.key);
        checkChange(w, c);
        return { key: c.key };
      } catch (e) {
        return { key: c.key, error: toErrorInfo(e, w.format) };
      }
    });
  }

  /**
   * The safety report of a pickle in the folder (training_args.bin, optimizer.pt, an object array):
   * graded from its opcodes, read by range through the torch reader, never run.
   */
  pickleReport({ file }: FileParams): PickleSafety {
    const source = this.sources.get(file);
    if (!source) throw invalid('weights', `${file} is not open`);
    const w = this.parsed.get(file);
    if (w) {
      if (w.pickles.length === 0) throw invalid(w.format, `${file} holds no pickle`);
      const members = w.pickles.flatMap((p) => gradePickle(p.bytes, `${p.member} (an object array's pickle)`, true).members);
      return safetySummary(combineMembers(members)) as unknown as PickleSafety;
    }
    return safetySummary(openTorchFile(source).safety) as unknown as PickleSafety;
  }

  private opened(file: string): { w: WeightsFile; source: ByteSource } {
    const w = this.parsed.get(file);
    const source = this.sources.get(file);
    if (!w || !source) throw invalid('weights', `${file} is not open`);
    return { w, source };
  }
}

function invalid(layer: string, message: string): FormatError {
  return new FormatError({ code: 'invalid', layer, message });
}

/** Throws the typed error a change would meet at export: an empty key, a value not of its key's type, a key that cannot change. */
function checkChange(w: WeightsFile, c: MetadataChange): void {
  if (c.key.trim() === '') throw invalid(w.format, 'A metadata key cannot be empty');
  if (w.header.format === 'safetensors') {
    if ('remove' in c && !(c.key in (w.header.metadata ?? {}))) throw invalid('safetensors', `There is no key ${c.key} to remove`);
    return;
  }
  if (w.header.format === 'gguf') {
    const was = w.header.metadata.find((e) => e.key === c.key)?.value;
    if (c.key === 'general.alignment') throw invalid('gguf', 'general.alignment cannot be edited: every tensor offset depends on it');
    if ('remove' in c) {
      if (!was) throw invalid('gguf', `There is no key ${c.key} to remove`);
      return;
    }
    if (was?.type === 'array') throw invalid('gguf', `${c.key} is an array: arrays are shown, not edited here`);
    parseGgufScalar(was ? was.type : 'string', c.value, c.key);
    return;
  }
  throw new FormatError({ code: 'unsupported', layer: w.format, message: `${w.format} files have no metadata to edit` });
}

/** NumPy dtypes by kind and size, as the weights dtypes previews decode. */
const NPY_TO_WEIGHTS: Record<string, 'F16' | 'F32' | 'F64' | 'I8' | 'I16' | 'I32' | 'I64' | 'U8' | 'U16' | 'U32' | 'U64' | 'BOOL'> = {
  f2: 'F16',
  f4: 'F32',
  f8: 'F64',
  i1: 'I8',
  i2: 'I16',
  i4: 'I32',
  i8: 'I64',
  u1: 'U8',
  u2: 'U16',
  u4: 'U32',
  u8: 'U64',
  b1: 'BOOL',
  float16: 'F16',
  float32: 'F32',
  float64: 'F64',
  int8: 'I8',
  int16: 'I16',
  int32: 'I32',
  int64: 'I64',
  uint8: 'U8',
  bool: 'BOOL',
};
