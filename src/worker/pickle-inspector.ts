/**
 * What the worker keeps of an opened pickle or torch file for the views that ask for more than the
 * value tree: the disassembly (paged), the tensor table and tensor previews.
 *
 * It holds the file's bytes, which the host holds anyway for export (a pickle has no source text),
 * so this costs no second copy. The TorchFile is the one the pickle layer opened while decoding these
 * same bytes (core/engine/torch/torch-file-of), so data.pkl is unpickled once; a storage's bytes are
 * read only by a preview.
 */
import { FormatError, toErrorInfo } from '../core/engine/errors';
import type { Recipe } from '../core/engine/layers/recipe';
import type { Program } from '../core/program/model/program';
import { disassemble } from '../core/engine/pickle/disassemble';
import { bytesSource } from '../core/engine/torch/byte-source';
import { tensorPreview } from '../core/engine/torch/tensor-preview';
import type { TensorInfo, TorchFile } from '../core/engine/torch/torch-file';
import { torchFileOf } from '../core/engine/torch/torch-file-of';
import { readZipDirectory, readZipEntry } from '../core/engine/torch/zip-directory';
import { DEFAULT_LIMITS } from '../core/engine/limits';
import type { Params, Result, TensorRow } from './protocol';

/** The pickle step of a recipe when the file is a pickle as saved (not inside gzip or encryption). */
export function pickleContainer(recipe: Recipe): string | undefined {
  const [only] = recipe;
  if (recipe.length !== 1 || only?.layer !== 'pickle') return undefined;
  const container = only.options.container;
  return typeof container === 'string' ? container : 'pickle';
}

/** Segments nn.Module pickles put between a module and its children or tensors. */
const MODULE_PLUMBING = new Set(['_modules', '_parameters', '_buffers']);

/**
 * A tensor's path as the module tree names it: "_modules.encoder._parameters.weight" and, in a
 * checkpoint, "model_state_dict.encoder.weight" both become "encoder.weight".
 */
function modulePath(path: string, program: Program): string {
  let parts = path.split('.').filter((p) => !MODULE_PLUMBING.has(p));
  const model = program.adapterId === 'pytorch-checkpoint' ? program.metadata.model : undefined;
  if (typeof model === 'string' && parts[0] === model) parts = parts.slice(1);
  return parts.join('.');
}

function row(t: TensorInfo, index: number): TensorRow {
  const { path, dtype, shape, stride, storageOffset, numel, byteSize, device, storageKey, parameter } = t;
  return { index, path, dtype, shape, stride, storageOffset, numel, byteSize, device, storageKey, parameter };
}

export class PickleInspector {
  private torch: TorchFile | undefined;
  private torchError: unknown;
  /** The pickle stream the disassembly walks: the file, or a torch zip's data.pkl. */
  private stream: Uint8Array | undefined;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly container: string,
  ) {}

  disassembly({ offset, limit }: Params<'disassembly'>): Result<'disassembly'> {
    const stream = this.pickleStream();
    try {
      const page = disassemble(stream, { offset, limit: Math.min(Math.max(1, limit), 5000) });
      return { ...page, streamBytes: stream.length };
    } catch (e) {
      // A legacy torch file's raw storages follow its last pickle: paging on past it ends here, said plainly.
      return { rows: [], nextOffset: null, streamBytes: stream.length, error: toErrorInfo(e, 'pickle') };
    }
  }

  tensors({ offset, limit, moduleId, sort }: Params<'tensors'>, program: Program): Result<'tensors'> {
    const file = this.torchFile();
    const all = file?.tensors ?? [];
    let rows = all.map(row);
    if (moduleId !== undefined && moduleId !== 'self') {
      rows = rows.filter((r) => modulePath(r.path, program).startsWith(`${moduleId}.`));
    }
    if (sort === 'size') rows = [...rows].sort((a, b) => b.byteSize - a.byteSize || a.index - b.index);
    const totalBytes = rows.reduce((sum, r) => sum + r.byteSize, 0);
    return { rows: rows.slice(offset, offset + limit), total: rows.length, totalBytes, fileTotal: all.length };
  }

  tensorPreview({ index, count }: Params<'tensorPreview'>): Result<'tensorPreview'> {
    const file = this.torchFile();
    const tensor = file?.tensors[index];
    if (!file || !tensor) throw new FormatError({ code: 'invalid', layer: 'torch', message: `There is no tensor ${index} in this file.` });
    return tensorPreview(file, tensor, { count: count ?? 8 });
  }

  private torchFile(): TorchFile | undefined {
    if (this.torch || this.torchError) return this.torch;
    try {
      this.torch = torchFileOf(this.bytes);
    } catch (e) {
      // A pickle that is not a torch save simply has no tensor table.
      this.torchError = e;
    }
    return this.torch;
  }

  private pickleStream(): Uint8Array {
    if (this.stream) return this.stream;
    if (this.container === 'torch-zip') {
      const source = bytesSource(this.bytes);
      const entries = readZipDirectory(source, DEFAULT_LIMITS);
      const dataPkl = entries.find((e) => /^([^/]+\/)?data\.pkl$/.test(e.name));
      if (!dataPkl) throw new FormatError({ code: 'unknown-format', layer: 'torch', message: 'This zip has no data.pkl to disassemble.' });
      this.stream = readZipEntry(source, dataPkl, DEFAULT_LIMITS);
    } else {
      this.stream = this.bytes;
    }
    return this.stream;
  }
}
