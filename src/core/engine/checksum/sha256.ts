/**
 * SHA-256 through WebCrypto. `digest` is one-shot: the whole input must be one buffer in memory,
 * and WebCrypto has no streaming form. Browsers cap a single ArrayBuffer (about 2 GiB in Chromium,
 * less on 32-bit and mobile), and hashing beyond ~512 MB briefly needs that memory a second time in
 * some engines, so files that large should be hashed in a worker with a streaming implementation.
 */
import { FormatError } from '../errors.ts';
import { asBufferSource, toHex } from '../crypto/encoding.ts';

export const SHA256_HEX_LENGTH = 64;

export async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) {
    throw new FormatError({ code: 'unsupported', layer: 'sha256', message: 'This environment has no WebCrypto (crypto.subtle) to compute SHA-256' });
  }
  return new Uint8Array(await subtle.digest('SHA-256', asBufferSource(bytes)));
}

/** Lower-case hex, as `sha256sum` prints it. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return toHex(await sha256(bytes));
}
