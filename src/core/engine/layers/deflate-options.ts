import type { StepOptions } from './layer.ts';

export type DeflateLevel = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

/** The level recorded in a step, or the usual default (6) when it was never known. */
export function levelOf(options: StepOptions): DeflateLevel {
  const level = options.level;
  if (typeof level === 'number' && Number.isInteger(level) && level >= 0 && level <= 9) return level as DeflateLevel;
  return 6;
}

/**
 * Looks like text (JSON, YAML) rather than compressed data: used to keep weak sniffers quiet. A
 * multi-byte UTF-8 character counts whole (lead and continuation bytes): text in Cyrillic, Greek or
 * CJK is half or more continuation bytes, and is text all the same.
 */
export function looksLikeText(bytes: Uint8Array, limit = 512): boolean {
  const n = Math.min(bytes.length, limit);
  let printable = 0;
  for (let i = 0; i < n;) {
    const b = bytes[i] as number;
    const extra = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    if (extra > 0) {
      let k = 1;
      // A character cut by the limit still counts: only the bytes seen are checked.
      while (k <= extra && i + k < n && ((bytes[i + k] as number) & 0xc0) === 0x80) k++;
      const whole = k > extra || i + k === n;
      // A lead byte without its continuation is not UTF-8, but it counts as before (Latin-1 text
      // is still text, and the syntax layer then says it is not UTF-8).
      printable += whole ? k : 1;
      i += whole ? k : 1;
      continue;
    }
    if (b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127)) printable++;
    i++;
  }
  return n > 0 && printable / n > 0.95;
}
