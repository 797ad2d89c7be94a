/**
 * Caps that keep hostile or broken input from eating the machine. Every reader takes a `Limits`
 * and throws a FormatError with code 'limit' naming the cap it hit.
 */
export interface Limits {
  /** Largest decompressed or decoded output, in bytes. */
  maxOutputBytes: number;
  /** Largest output/input ratio of one decompression layer (a decompression bomb has a huge one). */
  maxRatio: number;
  /** Deepest nesting of arrays/objects. */
  maxDepth: number;
  /** Most keys in one object, and most items in one array. */
  maxKeys: number;
  /** Longest single string, in UTF-16 code units. */
  maxStringLength: number;
  /** Most pickle opcodes executed by the inert pickle reader. */
  maxOpcodes: number;
  /** Largest pickle memo. */
  maxMemo: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxOutputBytes: 2 * 1024 ** 3,
  maxRatio: 1000,
  maxDepth: 512,
  maxKeys: 10_000_000,
  maxStringLength: 512 * 1024 ** 2,
  maxOpcodes: 100_000_000,
  maxMemo: 10_000_000,
};

export function withLimits(partial?: Partial<Limits>): Limits {
  return { ...DEFAULT_LIMITS, ...partial };
}
