import { FormatError } from '../errors.ts';

export function hasBom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** Index of the first non-whitespace byte after an optional UTF-8 BOM. */
export function textStart(bytes: Uint8Array): number {
  let at = hasBom(bytes) ? 3 : 0;
  while (at < bytes.length) {
    const b = bytes[at];
    if (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) at++;
    else break;
  }
  return at;
}

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** UTF-8 to text, BOM kept (callers decide), with a typed error pointing at the first bad byte. */
export function decodeUtf8(bytes: Uint8Array, layer: string): string {
  try {
    return strict.decode(bytes);
  } catch (e) {
    const bad = firstInvalidUtf8(bytes);
    // Valid bytes that still fail are more text than one JavaScript string can hold.
    if (bad >= bytes.length) {
      throw new FormatError(
        {
          code: 'limit',
          layer,
          offset: bytes.length,
          message: `${layer} text of ${bytes.length.toLocaleString('en-US')} bytes is longer than one string can hold here.`,
        },
        { cause: e },
      );
    }
    throw new FormatError({ code: 'syntax', layer, offset: bad, message: `${layer} text is not valid UTF-8 at byte ${bad.toLocaleString('en-US')}.` });
  }
}

function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i] as number;
    const need = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return i;
}
