/**
 * The dtypes of weights files, by the names safetensors gives them, with their width in bits
 * (sub-byte formats such as F4 pack several elements into a byte) and the element decoder that
 * previews use, where one exists.
 */
import type { DtypeName } from '../pickle/values.ts';

const BITS = {
  BOOL: 8,
  U8: 8,
  I8: 8,
  F8_E5M2: 8,
  F8_E4M3: 8,
  F8_E8M0: 8,
  F4: 4,
  F6_E2M3: 6,
  F6_E3M2: 6,
  I16: 16,
  U16: 16,
  F16: 16,
  BF16: 16,
  I32: 32,
  U32: 32,
  F32: 32,
  C64: 64,
  F64: 64,
  I64: 64,
  U64: 64,
} as const;

export type WeightsDtype = keyof typeof BITS;

export function isWeightsDtype(name: string): name is WeightsDtype {
  return Object.hasOwn(BITS, name);
}

export function dtypeBits(dtype: WeightsDtype): number {
  return BITS[dtype];
}

/** The element type the shared decoder knows, or undefined (F8, F6, F4, C64: shown as raw bytes). */
export const DECODABLE: Partial<Record<WeightsDtype, DtypeName>> = {
  BOOL: 'bool',
  U8: 'uint8',
  I8: 'int8',
  I16: 'int16',
  U16: 'uint16',
  F16: 'float16',
  BF16: 'bfloat16',
  I32: 'int32',
  U32: 'uint32',
  F32: 'float32',
  F64: 'float64',
  I64: 'int64',
  U64: 'uint64',
};
