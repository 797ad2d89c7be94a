/**
 * Program Studio's passphrase container, byte by byte in docs/encryption.md:
 *
 *   0  magic "\x89PSENC\r\n" (8 bytes)
 *   8  format version (1)           9  KDF id (1 = PBKDF2-HMAC-SHA-256)
 *  10  KDF iterations, u32 BE      14  salt (16)
 *  30  IV (12)                     42  plaintext length, u64 BE (8)
 *  50  ciphertext (length bytes), then the 16-byte GCM tag
 *
 * The 50 header bytes are the GCM additional data, so changing any of them fails authentication.
 * Storing the length lets a cut-short file be told apart from a wrong passphrase.
 */
import { FormatError, formatCount } from '../errors.ts';
import { DEFAULT_LIMITS } from '../limits.ts';
import { IV_BYTES, TAG_BYTES, gcmDecrypt, gcmEncrypt, randomIv } from './aes-gcm-raw.ts';
import { asBufferSource, concatBytes } from './encoding.ts';

/** The id of the layer that reads and writes this container (layers/passphrase-container.ts). */
export const CONTAINER_LAYER_ID = 'psenc';
const LAYER = 'container';

/** The 0x89 is not text and not the start of JSON; the CR LF catches line-ending conversion. */
export const CONTAINER_MAGIC = Uint8Array.of(0x89, 0x50, 0x53, 0x45, 0x4e, 0x43, 0x0d, 0x0a);
export const CONTAINER_VERSION = 1;
export const KDF_PBKDF2_SHA256 = 1;
export const SALT_BYTES = 16;
export const HEADER_BYTES = 50;
/** OWASP's 2023 figure for PBKDF2-HMAC-SHA-256. */
export const DEFAULT_ITERATIONS = 600_000;
/**
 * A file may ask for more work than this only if the caller raises the cap: a hostile header must not hang
 * the tab. A little over 3x the default, about a second of PBKDF2 on a slow machine per try of a passphrase
 * (10,000,000 took 5 to 10 s a try here); the writer refuses more, so every file this app writes opens.
 */
export const DEFAULT_MAX_ITERATIONS = 2_000_000;

const OFFSET = { version: 8, kdf: 9, iterations: 10, salt: 14, iv: 30, length: 42 } as const;

export interface ContainerHeader {
  version: number;
  kdf: 'pbkdf2-sha256';
  iterations: number;
  /** Not secret; kept so the header can be shown and the file re-sealed the same way. */
  saltHex: string;
  plaintextBytes: number;
  /** Bytes the whole file must have. */
  totalBytes: number;
}

/** A passphrase as typed, or as a non-extractable PBKDF2 key made by `importPassphrase`. */
export type PassphraseSecret = string | CryptoKey;

export interface EncryptPassphraseOptions {
  /** At least DEFAULT_ITERATIONS; raise it freely, it is stored in the header. */
  iterations?: number;
  /**
   * Tests and fixtures only: an iteration count below the floor, so suites stay fast. Never
   * expose this to users; a low count makes a passphrase cheap to guess.
   */
  weakIterationsForTests?: number;
  /** Tests and fixtures only: fixed salt and IV make fixture files reproducible. */
  salt?: Uint8Array;
  iv?: Uint8Array;
}

export interface DecryptPassphraseOptions {
  maxIterations?: number;
  maxOutputBytes?: number;
}

export function sniffContainer(bytes: Uint8Array): boolean {
  if (bytes.length < CONTAINER_MAGIC.length) return false;
  for (let i = 0; i < CONTAINER_MAGIC.length; i++) if (bytes[i] !== CONTAINER_MAGIC[i]) return false;
  return true;
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Read and check the header without the passphrase, to show the KDF and its cost before asking.
 * Throws 'unknown-format' (no magic), 'unsupported' (version or KDF), 'truncated' or 'corrupt'.
 */
export function readContainerHeader(bytes: Uint8Array, opts: DecryptPassphraseOptions = {}): ContainerHeader {
  if (!sniffContainer(bytes)) {
    throw new FormatError({
      code: 'unknown-format',
      layer: LAYER,
      offset: 0,
      message: 'This is not a Program Studio encrypted container: its first 8 bytes are not the container magic',
    });
  }
  if (bytes.length <= OFFSET.kdf) throw truncatedAt(bytes.length, HEADER_BYTES);
  const version = bytes[OFFSET.version]!;
  if (version !== CONTAINER_VERSION) {
    throw new FormatError({
      code: 'unsupported',
      layer: LAYER,
      offset: OFFSET.version,
      message: `This container is format version ${version}; this version of Program Studio reads version ${CONTAINER_VERSION}`,
    });
  }
  const kdf = bytes[OFFSET.kdf]!;
  if (kdf !== KDF_PBKDF2_SHA256) {
    throw new FormatError({
      code: 'unsupported',
      layer: LAYER,
      offset: OFFSET.kdf,
      message: `This container uses key derivation function #${kdf}; only #1 (PBKDF2-HMAC-SHA-256) is known`,
    });
  }
  if (bytes.length < HEADER_BYTES) throw truncatedAt(bytes.length, HEADER_BYTES);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const iterations = view.getUint32(OFFSET.iterations);
  const maxIterations = opts.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  if (iterations === 0) {
    throw new FormatError({ code: 'corrupt', layer: LAYER, offset: OFFSET.iterations, message: 'The container header asks for 0 PBKDF2 iterations' });
  }
  if (iterations > maxIterations) {
    throw new FormatError({
      code: 'limit',
      layer: LAYER,
      offset: OFFSET.iterations,
      message: `The container asks for ${formatCount(iterations)} PBKDF2 iterations; the limit is ${formatCount(maxIterations)}`,
    });
  }
  const high = view.getUint32(OFFSET.length);
  const low = view.getUint32(OFFSET.length + 4);
  const plaintextBytes = high * 2 ** 32 + low;
  const maxOutput = opts.maxOutputBytes ?? DEFAULT_LIMITS.maxOutputBytes;
  if (plaintextBytes > maxOutput) {
    throw new FormatError({
      code: 'limit',
      layer: LAYER,
      offset: OFFSET.length,
      message: `The container holds ${formatCount(plaintextBytes)} bytes; the output limit is ${formatCount(maxOutput)}`,
    });
  }
  const totalBytes = HEADER_BYTES + plaintextBytes + TAG_BYTES;
  if (bytes.length < totalBytes) throw truncatedAt(bytes.length, totalBytes);
  if (bytes.length > totalBytes) {
    throw new FormatError({
      code: 'corrupt',
      layer: LAYER,
      offset: totalBytes,
      message: `The container should end at byte ${formatCount(totalBytes)} but ${formatCount(bytes.length - totalBytes)} more bytes follow (or its header was changed)`,
    });
  }
  return {
    version,
    kdf: 'pbkdf2-sha256',
    iterations,
    saltHex: hex(bytes.subarray(OFFSET.salt, OFFSET.salt + SALT_BYTES)),
    plaintextBytes,
    totalBytes,
  };
}

function truncatedAt(length: number, needed: number): FormatError {
  return new FormatError({
    code: 'truncated',
    layer: LAYER,
    offset: length,
    message: `The container ends at byte ${formatCount(length)} but needs ${formatCount(needed)} bytes: the file is cut short (or its header was changed)`,
  });
}

/**
 * Keep a passphrase as a non-extractable PBKDF2 key, so it need not stay around as a string.
 * NFC first: the same passphrase typed on different systems can arrive in different Unicode forms.
 */
export async function importPassphrase(passphrase: string): Promise<CryptoKey> {
  if (passphrase.length === 0) {
    throw new FormatError({ code: 'invalid', layer: LAYER, message: 'The passphrase is empty' });
  }
  const bytes = new TextEncoder().encode(passphrase.normalize('NFC'));
  try {
    return await globalThis.crypto.subtle.importKey('raw', bytes, 'PBKDF2', false, ['deriveKey']);
  } finally {
    bytes.fill(0);
  }
}

async function deriveKey(secret: PassphraseSecret, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const base = typeof secret === 'string' ? await importPassphrase(secret) : secret;
  return globalThis.crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: asBufferSource(salt), iterations },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export async function encryptWithPassphrase(plain: Uint8Array, passphrase: PassphraseSecret, opts: EncryptPassphraseOptions = {}): Promise<Uint8Array> {
  const iterations = opts.weakIterationsForTests ?? opts.iterations ?? DEFAULT_ITERATIONS;
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > DEFAULT_MAX_ITERATIONS) {
    throw new FormatError({
      code: 'invalid',
      layer: LAYER,
      message: `Iterations must be a whole number from 1 to ${formatCount(DEFAULT_MAX_ITERATIONS)} (what a reader of this app accepts); got ${iterations}`,
    });
  }
  if (opts.weakIterationsForTests === undefined && iterations < DEFAULT_ITERATIONS) {
    throw new FormatError({
      code: 'invalid',
      layer: LAYER,
      message: `At least ${formatCount(DEFAULT_ITERATIONS)} PBKDF2 iterations are needed; got ${formatCount(iterations)}`,
    });
  }
  const salt = opts.salt ?? globalThis.crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const iv = opts.iv ?? randomIv();
  if (salt.length !== SALT_BYTES || iv.length !== IV_BYTES) {
    throw new FormatError({ code: 'invalid', layer: LAYER, message: `Salt must be ${SALT_BYTES} bytes and IV ${IV_BYTES} bytes` });
  }
  const header = new Uint8Array(HEADER_BYTES);
  header.set(CONTAINER_MAGIC, 0);
  header[OFFSET.version] = CONTAINER_VERSION;
  header[OFFSET.kdf] = KDF_PBKDF2_SHA256;
  const view = new DataView(header.buffer);
  view.setUint32(OFFSET.iterations, iterations);
  header.set(salt, OFFSET.salt);
  header.set(iv, OFFSET.iv);
  view.setUint32(OFFSET.length, Math.floor(plain.length / 2 ** 32));
  view.setUint32(OFFSET.length + 4, plain.length >>> 0);
  const key = await deriveKey(passphrase, salt, iterations);
  return concatBytes(header, await gcmEncrypt(key, iv, plain, header));
}

export async function decryptWithPassphrase(bytes: Uint8Array, passphrase: PassphraseSecret, opts: DecryptPassphraseOptions = {}): Promise<Uint8Array> {
  const header = readContainerHeader(bytes, opts);
  const key = await deriveKey(passphrase, bytes.subarray(OFFSET.salt, OFFSET.salt + SALT_BYTES), header.iterations);
  return gcmDecrypt(key, bytes.subarray(OFFSET.iv, OFFSET.iv + IV_BYTES), bytes.subarray(HEADER_BYTES), bytes.subarray(0, HEADER_BYTES), LAYER);
}
