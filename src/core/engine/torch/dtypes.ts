/** Torch storage classes and dtypes: element sizes for locating and decoding raw storages. */
import type { DtypeName } from '../pickle/values.ts';

const STORAGE_DTYPES: Record<string, DtypeName> = {
  FloatStorage: 'float32',
  DoubleStorage: 'float64',
  HalfStorage: 'float16',
  BFloat16Storage: 'bfloat16',
  ComplexFloatStorage: 'complex64',
  ComplexDoubleStorage: 'complex128',
  LongStorage: 'int64',
  IntStorage: 'int32',
  ShortStorage: 'int16',
  CharStorage: 'int8',
  ByteStorage: 'uint8',
  BoolStorage: 'bool',
  UntypedStorage: 'uint8',
};

export function storageDtype(className: string): DtypeName | 'unknown' {
  return Object.hasOwn(STORAGE_DTYPES, className) ? (STORAGE_DTYPES[className] as DtypeName) : 'unknown';
}

export const ELEMENT_SIZE: Record<DtypeName, number> = {
  float16: 2,
  bfloat16: 2,
  float32: 4,
  float64: 8,
  complex64: 8,
  complex128: 16,
  int8: 1,
  int16: 2,
  int32: 4,
  int64: 8,
  uint8: 1,
  uint16: 2,
  uint32: 4,
  uint64: 8,
  bool: 1,
};
