/**
 * Turning what a person gives us (a pasted key, an environment variable, a dropped key file) into
 * the 32 bytes of an AES-256 key. Error messages describe the input's shape, never its content.
 */
import { FormatError } from '../errors.ts';
import { fromBase64, fromHex } from './encoding.ts';

export const KEY_BYTES = 32;

const SHAPE = 'A key must be 32 bytes: 64 hex characters or 44 base64 characters';

function keyError(detail: string): FormatError {
  return new FormatError({ code: 'invalid', layer: 'key', message: `${SHAPE}; ${detail}` });
}

/**
 * A key from text (64 hex characters, or base64 standard or url-safe, padded or not) or from the
 * bytes of a key file. A file of exactly 32 bytes is taken as the raw key: no text form of a
 * 32-byte key is that short (hex needs 64 characters, base64 43), so the reading is unambiguous.
 * Surrounding whitespace, such as the newline `echo` leaves, is ignored.
 */
export function parseKey(input: string | Uint8Array): Uint8Array {
  if (input instanceof Uint8Array) {
    if (input.length === KEY_BYTES) return new Uint8Array(input);
    // Key files a program writes may hold raw bytes that are not text; say so plainly.
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      throw keyError(`this file is ${input.length} bytes and not text, so it is not a raw key (32 bytes) either`);
    }
    return parseKeyText(text);
  }
  return parseKeyText(input);
}

function parseKeyText(raw: string): Uint8Array {
  const text = raw.trim();
  if (text.length === 0) throw keyError('this is empty');
  if (/^[0-9a-fA-F]+$/.test(text)) {
    const bytes = fromHex(text);
    // 44 and 64 hex-looking characters could also be base64 made only of hex digits; hex wins at 64.
    if (bytes && bytes.length === KEY_BYTES) return bytes;
    if (text.length !== 43 && text.length !== 44) {
      if (bytes) throw keyError(`this is ${bytes.length} bytes`);
      throw keyError(`this is ${text.length} hex characters, an odd number`);
    }
  }
  const bytes = fromBase64(text);
  if (bytes) {
    if (bytes.length === KEY_BYTES) return bytes;
    throw keyError(`this is ${bytes.length} bytes`);
  }
  throw keyError(`this is ${text.length} characters that are neither hex nor base64`);
}
