/**
 * A weights tensor's first values and statistics, read by range on request. A tensor larger than the
 * read budget is summarised over its first elements, and the summary says how many it covers.
 */
import type { ByteSource } from '../byte-source.ts';
import { DECODABLE, dtypeBits } from './dtypes.ts';
import { summariseContiguous, type ValuesSummary } from '../elements.ts';
import type { WeightsTensor } from './safetensors.ts';

/** 16 MiB: statistics of a few million elements, read in well under a second. */
export const PREVIEW_READ_BUDGET = 16 * 1024 * 1024;

export type WeightsPreview = ({ kind: 'values'; numel: number } & ValuesSummary) | { kind: 'raw'; numel: number; firstBytes: number[]; reason: string };

export function previewTensor(
  source: ByteSource,
  tensor: Pick<WeightsTensor, 'dtype' | 'offset' | 'bytes' | 'params'>,
  options: { count?: number; budget?: number; littleEndian?: boolean } = {},
): WeightsPreview {
  const budget = options.budget ?? PREVIEW_READ_BUDGET;
  const elementType = DECODABLE[tensor.dtype];
  const bytes = source.read(tensor.offset, Math.min(tensor.bytes, budget));
  if (!elementType) {
    return {
      kind: 'raw',
      numel: tensor.params,
      firstBytes: [...bytes.subarray(0, 16)],
      reason: `${tensor.dtype} values are shown as raw bytes: there is no decoder for them here`,
    };
  }
  const summary = summariseContiguous(bytes, elementType, dtypeBits(tensor.dtype) / 8, options.littleEndian ?? true, options.count);
  if (!summary) return { kind: 'raw', numel: tensor.params, firstBytes: [...bytes.subarray(0, 16)], reason: `${tensor.dtype} values cannot be decoded` };
  return { kind: 'values', numel: tensor.params, ...summary };
}
