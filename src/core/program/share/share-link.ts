/**
 * A program carried in a link's fragment (`#p=...`), which browsers never send to a server.
 *
 * Payload, before base64url:
 *   [0]        format version (1)
 *   [1..4]     length of the inner bytes (big-endian): inflating stops there, so a crafted link cannot
 *              expand without bound
 *   [5..n-4]   raw deflate of the inner bytes
 *   [n-4..n]   CRC-32 of everything before it (big-endian). It covers the compressed bytes, not only
 *              what they inflate to: deflate ignores bytes after its last block, so a checksum of the
 *              output alone would let a changed tail pass.
 * Inner bytes: [name length (1 byte)] [file name, UTF-8] [the file's bytes].
 *
 * The file's bytes are opened through the normal decode path, so a link holds any format the app reads.
 */
import { Inflate, deflateSync } from 'fflate';
import { FormatError } from '../../engine/errors';
import { fromBase64, toBase64 } from '../../engine/crypto/encoding';
import { crc32 } from './crc32';

export const SHARE_FORMAT_VERSION = 1;
/** Longest payload (base64url characters) a share link carries; long URLs fail in some browsers, chats and mail. */
export const SHARE_LIMIT_CHARS = 32 * 1024;
/** Largest program a link may expand to: far above what fits in SHARE_LIMIT_CHARS honestly compressed. */
export const SHARE_MAX_INFLATED = 16 * 1024 * 1024;

const HEADER = 5;
const TRAILER = 4;
const MAX_NAME_BYTES = 255;

export interface SharedFile {
  name: string;
  bytes: Uint8Array;
}

function fail(code: 'truncated' | 'corrupt' | 'unsupported' | 'limit', message: string, offset?: number): FormatError {
  return new FormatError({ code, layer: 'share-link', message, ...(offset !== undefined ? { offset } : {}) });
}

/** The name cut to 255 UTF-8 bytes without splitting a character. */
function nameBytes(name: string): Uint8Array {
  const encoder = new TextEncoder();
  let bytes = encoder.encode(name);
  let chars = [...name];
  while (bytes.length > MAX_NAME_BYTES) {
    chars = chars.slice(0, -1);
    bytes = encoder.encode(chars.join(''));
  }
  return bytes;
}

/** The base64url payload for `#p=`; its length is what a caller compares with SHARE_LIMIT_CHARS. */
export function encodeShareLink(file: SharedFile): string {
  const name = nameBytes(file.name);
  const inner = new Uint8Array(1 + name.length + file.bytes.length);
  inner[0] = name.length;
  inner.set(name, 1);
  inner.set(file.bytes, 1 + name.length);
  const packed = deflateSync(inner, { level: 9 });
  const out = new Uint8Array(HEADER + packed.length + TRAILER);
  const view = new DataView(out.buffer);
  out[0] = SHARE_FORMAT_VERSION;
  view.setUint32(1, inner.length);
  out.set(packed, HEADER);
  view.setUint32(HEADER + packed.length, crc32(out.subarray(0, HEADER + packed.length)));
  return toBase64(out, true);
}

const INCOMPLETE = 'This share link is incomplete: it was probably cut off when it was copied. Copy the whole link again.';

/** Inflates at most `expected` bytes; more, or fewer, means the link was changed or cut. */
function inflateExactly(packed: Uint8Array, expected: number): Uint8Array {
  const out = new Uint8Array(expected);
  let produced = 0;
  let overflow = false;
  const inflater = new Inflate((chunk) => {
    if (produced + chunk.length > expected) {
      overflow = true;
      return;
    }
    out.set(chunk, produced);
    produced += chunk.length;
  });
  try {
    inflater.push(packed, true);
  } catch (e) {
    // fflate's code 0 is "unexpected EOF": the link was cut short.
    if ((e as { code?: number }).code === 0) throw fail('truncated', INCOMPLETE);
    throw fail('corrupt', 'This share link is damaged: its compressed program does not inflate. Copy the whole link again.', HEADER);
  }
  if (overflow) throw fail('corrupt', 'This share link is damaged: the program inside is longer than the link says.', HEADER);
  if (produced < expected) throw fail('truncated', INCOMPLETE);
  return out;
}

export function decodeShareLink(payload: string): SharedFile {
  const text = payload.trim();
  if (text === '') throw fail('truncated', 'This share link holds no program (nothing after "#p=").');
  const raw = fromBase64(text);
  if (raw === null) throw fail('corrupt', 'This share link is damaged: it has characters a share link never has.');
  if (raw.length < 1) throw fail('truncated', 'This share link is too short to hold a program.');
  const version = raw[0]!;
  if (version !== SHARE_FORMAT_VERSION) {
    throw fail(
      'unsupported',
      `This share link is format version ${version}; this version of the app reads version ${SHARE_FORMAT_VERSION}. It may come from a newer release.`,
      0,
    );
  }
  if (raw.length <= HEADER + TRAILER) throw fail('truncated', INCOMPLETE);
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const length = view.getUint32(1);
  if (length < 1) throw fail('corrupt', 'This share link is damaged: it declares an empty program.', 1);
  if (length > SHARE_MAX_INFLATED)
    throw fail('limit', `This share link declares a program of ${length} bytes; links hold at most ${SHARE_MAX_INFLATED} bytes.`, 1);
  const body = raw.subarray(0, raw.length - TRAILER);
  if (crc32(body) !== view.getUint32(raw.length - TRAILER)) {
    // Say "cut off" when that is what happened: the deflate stream then ends too early.
    inflateExactly(raw.subarray(HEADER, raw.length - TRAILER), length);
    throw fail('corrupt', 'This share link was changed after it was made: its checksum does not match. Copy the whole link again.');
  }
  const inner = inflateExactly(body.subarray(HEADER), length);
  const nameLength = inner[0]!;
  if (1 + nameLength > inner.length) throw fail('corrupt', 'This share link is damaged: its file name runs past the end.');
  const name = new TextDecoder('utf-8', { fatal: false }).decode(inner.subarray(1, 1 + nameLength)) || 'shared-program';
  return { name, bytes: inner.slice(1 + nameLength) };
}
