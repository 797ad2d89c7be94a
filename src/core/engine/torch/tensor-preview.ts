/**
 * A tensor's first values and statistics, computed on request: the only place storage bytes are
 * read. Honours strides and storage offsets, so views and transposes show their logical order.
 */
import { FormatError } from '../errors.ts';
import { DEFAULT_LIMITS, type Limits } from '../limits.ts';
import { ELEMENT_SIZE } from './dtypes.ts';
import { elementReader as reader, ValueStats, type Scalar } from '../elements.ts';
import type { TensorInfo, TorchFile } from './torch-file.ts';
import { entryDataOffset, readZipEntry, type ZipEntry } from './zip-directory.ts';

export type { Scalar };

export interface TensorPreview {
  first: Scalar[];
  numel: number;
  /** Over all elements (NaN excluded); null for an empty tensor or complex dtypes. */
  min: number | null;
  max: number | null;
  mean: number | null;
  nanCount: number;
}

export interface PreviewOptions {
  count?: number;
  limits?: Limits;
}

function previewError(message: string): FormatError {
  return new FormatError({ code: 'unsupported', layer: 'torch', message });
}

export function tensorPreview(file: TorchFile, tensor: TensorInfo, options: PreviewOptions = {}): TensorPreview {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const count = options.count ?? 8;
  const loc = file.storages.get(tensor.storageKey);
  if (!loc || tensor.dtype === 'unknown') throw previewError(`The storage of ${tensor.path} is not in this file`);
  const es = ELEMENT_SIZE[tensor.dtype];
  let last = tensor.storageOffset;
  for (let i = 0; i < tensor.shape.length; i++) last += Math.max(0, (tensor.shape[i] ?? 0) - 1) * (tensor.stride[i] ?? 0);
  const span = tensor.numel === 0 ? 0 : (last - tensor.storageOffset + 1) * es;
  if (span > limits.maxOutputBytes) throw new FormatError({ code: 'limit', layer: 'torch', message: `${tensor.path} is larger than the output limit` });
  let bytes: Uint8Array;
  if (loc.entry) {
    const whole = loc.entry.method === 0 ? undefined : readZipEntry(file.source, loc.entry, limits);
    if (whole) bytes = whole.subarray(tensor.storageOffset * es, tensor.storageOffset * es + span);
    else {
      // Stored entry: read just the tensor's span.
      bytes = readStoredSpan(file, loc.entry, tensor.storageOffset * es, span);
    }
  } else if (loc.dataOffset !== undefined) {
    bytes = file.source.read(loc.dataOffset + tensor.storageOffset * es, span);
  } else {
    throw previewError(`The bytes of storage ${tensor.storageKey} were not found`);
  }
  if (bytes.length < span) throw new FormatError({ code: 'truncated', layer: 'torch', message: `The storage of ${tensor.path} ends early` });
  const read = reader(tensor.dtype, new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), file.byteorder === 'little');
  if (!read) throw previewError(`Previews of ${tensor.dtype} tensors are not supported yet`);
  const stats = new ValueStats(count);
  const idx = new Array<number>(tensor.shape.length).fill(0);
  for (let k = 0; k < tensor.numel; k++) {
    let off = 0;
    for (let d = 0; d < idx.length; d++) off += (idx[d] ?? 0) * (tensor.stride[d] ?? 0);
    stats.add(read(off * es));
    for (let d = idx.length - 1; d >= 0; d--) {
      idx[d] = (idx[d] ?? 0) + 1;
      if ((idx[d] ?? 0) < (tensor.shape[d] ?? 0)) break;
      idx[d] = 0;
    }
  }
  return { numel: tensor.numel, ...stats.result() };
}

function readStoredSpan(file: TorchFile, entry: ZipEntry, offset: number, length: number): Uint8Array {
  return file.source.read(entryDataOffset(file.source, entry) + offset, Math.min(length, entry.size - offset));
}
