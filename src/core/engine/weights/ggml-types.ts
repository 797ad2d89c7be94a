/**
 * ggml tensor types by id, with their block layout (elements per block, bytes per block), so the
 * byte size of a tensor is known from its shape; from ggml's type traits table.
 */
export interface GgmlType {
  name: string;
  blockSize: number;
  typeSize: number;
}

const T = (name: string, blockSize: number, typeSize: number): GgmlType => ({ name, blockSize, typeSize });

export const GGML_TYPES: Readonly<Record<number, GgmlType>> = {
  0: T('F32', 1, 4),
  1: T('F16', 1, 2),
  2: T('Q4_0', 32, 18),
  3: T('Q4_1', 32, 20),
  6: T('Q5_0', 32, 22),
  7: T('Q5_1', 32, 24),
  8: T('Q8_0', 32, 34),
  9: T('Q8_1', 32, 36),
  10: T('Q2_K', 256, 84),
  11: T('Q3_K', 256, 110),
  12: T('Q4_K', 256, 144),
  13: T('Q5_K', 256, 176),
  14: T('Q6_K', 256, 210),
  15: T('Q8_K', 256, 292),
  16: T('IQ2_XXS', 256, 66),
  17: T('IQ2_XS', 256, 74),
  18: T('IQ3_XXS', 256, 98),
  19: T('IQ1_S', 256, 50),
  20: T('IQ4_NL', 32, 18),
  21: T('IQ3_S', 256, 110),
  22: T('IQ2_S', 256, 82),
  23: T('IQ4_XS', 256, 136),
  24: T('I8', 1, 1),
  25: T('I16', 1, 2),
  26: T('I32', 1, 4),
  27: T('I64', 1, 8),
  28: T('F64', 1, 8),
  29: T('IQ1_M', 256, 56),
  30: T('BF16', 1, 2),
  34: T('TQ1_0', 256, 54),
  35: T('TQ2_0', 256, 66),
  39: T('MXFP4', 32, 17),
};

/** Bytes of a tensor of `params` elements, or undefined for an unknown type or a partial block. */
export function ggmlTensorBytes(typeId: number, params: number): number | undefined {
  const t = GGML_TYPES[typeId];
  if (!t || params % t.blockSize !== 0) return undefined;
  return (params / t.blockSize) * t.typeSize;
}

/** The safetensors-style dtype of a plain ggml type, for previews; quantised types have none. */
export const GGML_PLAIN: Readonly<Record<number, 'F32' | 'F16' | 'BF16' | 'F64' | 'I8' | 'I16' | 'I32' | 'I64'>> = {
  0: 'F32',
  1: 'F16',
  30: 'BF16',
  28: 'F64',
  24: 'I8',
  25: 'I16',
  26: 'I32',
  27: 'I64',
};
