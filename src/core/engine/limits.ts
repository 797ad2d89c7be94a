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

/**
 * The most any one file may decode to in a browser tab, whatever its size: a tab that holds the
 * bytes, their text and the parsed tree of 256 MiB stays near 1.5 GB. The CLI can raise it.
 */
export const MAX_OUTPUT_CAP = 256 * 1024 ** 2;
/** Every file may decode to at least this much, so a small legitimate file never trips the budget. */
export const MIN_OUTPUT_BUDGET = 64 * 1024 ** 2;
/** Beyond the floor, a file may decode to this many times its own size (gzip of JSON rarely passes 20). */
export const OUTPUT_PER_INPUT_BYTE = 64;

export const DEFAULT_LIMITS: Limits = {
  maxOutputBytes: MAX_OUTPUT_CAP,
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

/**
 * The output budget of a file of `inputBytes`: proportional to its size between a floor and a cap,
 * so a 2 MB file cannot ask for 2 GiB while a 100 MB export still opens.
 */
export function outputBudget(inputBytes: number, cap = MAX_OUTPUT_CAP): number {
  return Math.min(cap, Math.max(MIN_OUTPUT_BUDGET, inputBytes * OUTPUT_PER_INPUT_BYTE));
}

/** Limits for decoding one file: an explicit `maxOutputBytes` wins, otherwise the file's budget. */
export function limitsForInput(inputBytes: number, partial?: Partial<Limits>): Limits {
  const limits = withLimits(partial);
  if (partial?.maxOutputBytes === undefined) limits.maxOutputBytes = outputBudget(inputBytes);
  return limits;
}
