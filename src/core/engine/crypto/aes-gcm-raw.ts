/**
 * Raw-key AES-256-GCM files: no header, just the IV, ciphertext and tag concatenated, the way a
 * program using Ruby's `OpenSSL::Cipher.new('AES-256-GCM')` usually writes them
 * (`iv + cipher.update(data) + cipher.final + cipher.auth_tag`). Some programs put the tag
 * before the ciphertext instead; nothing in the bytes says which, so the caller chooses, or asks
 * `decryptRawAnyLayout` to try both (safe: the GCM tag check cannot pass for the wrong layout).
 */
import { FormatError, formatCount } from '../errors.ts';
import { asBufferSource, concatBytes } from './encoding.ts';
import { KEY_BYTES } from './parse-key.ts';

export const IV_BYTES = 12;
export const TAG_BYTES = 16;

/** `iv-ct-tag`: IV, ciphertext, tag (the usual Ruby layout). `iv-tag-ct`: IV, tag, ciphertext. */
export type RawLayout = 'iv-ct-tag' | 'iv-tag-ct';
export const RAW_LAYOUTS: readonly RawLayout[] = ['iv-ct-tag', 'iv-tag-ct'];
export const DEFAULT_RAW_LAYOUT: RawLayout = 'iv-ct-tag';

export const WRONG_KEY_MESSAGE = 'Wrong key or the file was changed';

/** The id of the layer that reads and writes this layout (layers/aes-gcm.ts); errors name it too. */
export const RAW_LAYER_ID = 'aes-gcm';
const LAYER = RAW_LAYER_ID;

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) {
    throw new FormatError({
      code: 'unsupported',
      layer: LAYER,
      message: 'This environment has no WebCrypto (crypto.subtle): pages must be served over https or from localhost.',
    });
  }
  return s;
}

/**
 * A non-extractable AES-GCM key: once imported, the bytes cannot be read back out of it, not even
 * by our own code, so nothing can serialise them by accident.
 */
export async function importAesKey(bytes: Uint8Array): Promise<CryptoKey> {
  if (bytes.length !== KEY_BYTES) {
    throw new FormatError({
      code: 'invalid',
      layer: 'key',
      message: `A key must be 32 bytes: 64 hex characters or 44 base64 characters; this is ${bytes.length} bytes`,
    });
  }
  return subtle().importKey('raw', asBufferSource(bytes), { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
}

async function toCryptoKey(key: CryptoKey | Uint8Array): Promise<CryptoKey> {
  return key instanceof Uint8Array ? importAesKey(key) : key;
}

export function randomIv(): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));
}

/** Decrypt and authenticate; WebCrypto returns nothing at all when the tag fails, so no partial output. */
export async function gcmDecrypt(key: CryptoKey, iv: Uint8Array, ctAndTag: Uint8Array, additionalData?: Uint8Array, layer = LAYER): Promise<Uint8Array> {
  const params: AesGcmParams = { name: 'AES-GCM', iv: asBufferSource(iv), tagLength: TAG_BYTES * 8 };
  if (additionalData) params.additionalData = asBufferSource(additionalData);
  try {
    return new Uint8Array(await subtle().decrypt(params, key, asBufferSource(ctAndTag)));
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'OperationError') {
      throw new FormatError({ code: 'wrong-key', layer, message: WRONG_KEY_MESSAGE }, { cause });
    }
    throw cause;
  }
}

/** Ciphertext with the 16-byte tag appended, as WebCrypto writes it. */
export async function gcmEncrypt(key: CryptoKey, iv: Uint8Array, plain: Uint8Array, additionalData?: Uint8Array): Promise<Uint8Array> {
  const params: AesGcmParams = { name: 'AES-GCM', iv: asBufferSource(iv), tagLength: TAG_BYTES * 8 };
  if (additionalData) params.additionalData = asBufferSource(additionalData);
  return new Uint8Array(await subtle().encrypt(params, key, asBufferSource(plain)));
}

export async function decryptRaw(bytes: Uint8Array, key: CryptoKey | Uint8Array, layout: RawLayout = DEFAULT_RAW_LAYOUT): Promise<Uint8Array> {
  const min = IV_BYTES + TAG_BYTES;
  if (bytes.length < min) {
    throw new FormatError({
      code: 'truncated',
      layer: LAYER,
      offset: bytes.length,
      message: `The encrypted file ends at byte ${formatCount(bytes.length)}; even an empty one needs ${min} bytes (12-byte IV and 16-byte tag)`,
    });
  }
  const iv = bytes.subarray(0, IV_BYTES);
  let ctAndTag: Uint8Array;
  if (layout === 'iv-ct-tag') {
    ctAndTag = bytes.subarray(IV_BYTES);
  } else {
    const tag = bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
    ctAndTag = concatBytes(bytes.subarray(IV_BYTES + TAG_BYTES), tag);
  }
  return gcmDecrypt(await toCryptoKey(key), iv, ctAndTag);
}

/**
 * Try each layout in turn and report the one that authenticated. A wrong layout fails the tag
 * check exactly like a wrong key, so this never returns garbage; it costs one extra decrypt.
 */
export async function decryptRawAnyLayout(
  bytes: Uint8Array,
  key: CryptoKey | Uint8Array,
  layouts: readonly RawLayout[] = RAW_LAYOUTS,
): Promise<{ plain: Uint8Array; layout: RawLayout }> {
  const cryptoKey = await toCryptoKey(key);
  let last: unknown;
  for (const layout of layouts) {
    try {
      return { plain: await decryptRaw(bytes, cryptoKey, layout), layout };
    } catch (e) {
      if (!(e instanceof FormatError && e.code === 'wrong-key')) throw e;
      last = e;
    }
  }
  throw last ?? new FormatError({ code: 'wrong-key', layer: LAYER, message: WRONG_KEY_MESSAGE });
}

/**
 * Encrypt in the chosen layout with a fresh random IV. Passing `iv` is for fixtures and tests
 * only: reusing an IV with the same key breaks GCM completely.
 */
export async function encryptRaw(
  plain: Uint8Array,
  key: CryptoKey | Uint8Array,
  layout: RawLayout = DEFAULT_RAW_LAYOUT,
  iv: Uint8Array = randomIv(),
): Promise<Uint8Array> {
  if (iv.length !== IV_BYTES) {
    throw new FormatError({ code: 'invalid', layer: LAYER, message: `The IV must be ${IV_BYTES} bytes; this is ${iv.length}` });
  }
  const sealed = await gcmEncrypt(await toCryptoKey(key), iv, plain);
  if (layout === 'iv-ct-tag') return concatBytes(iv, sealed);
  const split = sealed.length - TAG_BYTES;
  return concatBytes(iv, sealed.subarray(split), sealed.subarray(0, split));
}
