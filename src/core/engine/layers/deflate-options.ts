import type { StepOptions } from './layer.ts';

export type DeflateLevel = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

/** The level recorded in a step, or the usual default (6) when it was never known. */
export function levelOf(options: StepOptions): DeflateLevel {
  const level = options.level;
  if (typeof level === 'number' && Number.isInteger(level) && level >= 0 && level <= 9) return level as DeflateLevel;
  return 6;
}

/** Looks like text (JSON, YAML) rather than compressed data: used to keep weak sniffers quiet. */
export function looksLikeText(bytes: Uint8Array, limit = 512): boolean {
  const n = Math.min(bytes.length, limit);
  let printable = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] as number;
    if (b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127) || b >= 0xc2) printable++;
  }
  return n > 0 && printable / n > 0.95;
}
