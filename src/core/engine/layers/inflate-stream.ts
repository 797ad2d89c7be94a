/**
 * One streaming decompressor for gzip, zlib and raw deflate: the platform's DecompressionStream
 * where it exists (about 2x faster in browsers), fflate otherwise. Both enforce the same caps on
 * output size and compression ratio, check for cancellation between chunks and report progress.
 */
import { Gunzip, Inflate, Unzlib } from 'fflate';
import { FormatError, formatCount } from '../errors.ts';
import type { LayerContext } from './layer.ts';
import { throwIfAborted } from './cancel.ts';
import { gzipExpectedSize, InflateSink } from './inflate-sink.ts';

export type FlateFormat = 'gzip' | 'deflate' | 'deflate-raw';

/** Input is pushed in slices this big; deflate expands at most ~1032x, so one push stays bounded. */
const CHUNK = 64 * 1024;
/**
 * The native stream takes bigger bites: each write is a round trip through the stream's queue, and
 * 1 MiB still leaves a few hundred progress events and cancel points in a 100 MB file.
 */
const NATIVE_CHUNK = 1024 * 1024;
/**
 * Input read without any output before a stream counts as stuck. A real deflate block emits within
 * a few hundred KiB; garbage (a weak raw-deflate guess) can leave fflate waiting while it re-reads
 * all it has on every push, which grows quadratically with the input.
 */
const STALL_BYTES = 4 * 1024 * 1024;
/** The ratio cap only applies once output passes this, so small legitimate files never trip it. */
export const RATIO_GRACE_BYTES = 4 * 1024 * 1024;

interface Counter {
  layer: string;
  format: FlateFormat;
  ctx: LayerContext;
  total: number;
  outBytes: number;
  sink: InflateSink;
}

function accept(c: Counter, chunk: Uint8Array, consumed: number): void {
  c.outBytes += chunk.length;
  const { maxOutputBytes, maxRatio } = c.ctx.limits;
  if (c.outBytes > maxOutputBytes) {
    throw new FormatError({
      code: 'limit',
      layer: c.layer,
      offset: consumed,
      message: `${c.layer} output passes the limit of ${formatCount(maxOutputBytes)} bytes (at input byte ${formatCount(consumed)} of ${formatCount(c.total)}).`,
    });
  }
  if (c.outBytes > RATIO_GRACE_BYTES && c.outBytes / Math.max(consumed, 1) > maxRatio) {
    throw new FormatError({
      code: 'limit',
      layer: c.layer,
      offset: consumed,
      message: `${c.layer} expands more than ${formatCount(maxRatio)}x (${formatCount(c.outBytes)} bytes from ${formatCount(consumed)}): this looks like a decompression bomb.`,
    });
  }
  c.sink.push(chunk);
}

function flateError(c: Counter, e: unknown, at: number): FormatError {
  if (e instanceof FormatError) return e;
  const code = (e as { code?: number }).code;
  if (code === 0) {
    return new FormatError({
      code: 'truncated',
      layer: c.layer,
      offset: at,
      message: `${c.layer} stream ends early at byte ${formatCount(at)} of ${formatCount(c.total)} (${formatCount(c.outBytes)} bytes decompressed before the end).`,
    });
  }
  const why = e instanceof Error ? e.message : String(e);
  return new FormatError(
    { code: 'corrupt', layer: c.layer, offset: at, message: `${c.layer} data is corrupt near byte ${formatCount(at)}: ${why}.` },
    { cause: e },
  );
}

async function inflateWithFflate(c: Counter, bytes: Uint8Array): Promise<number> {
  let consumed = 0;
  // fflate announces each member after the first one.
  let members = 1;
  let finished = false;
  let lastOutputAt = 0;
  const onData = (chunk: Uint8Array, final: boolean): void => {
    accept(c, chunk, consumed);
    if (chunk.length > 0) lastOutputAt = consumed;
    if (final) finished = true;
  };
  const stream = c.format === 'gzip' ? new Gunzip(onData) : c.format === 'deflate' ? new Unzlib(onData) : new Inflate(onData);
  if (stream instanceof Gunzip) stream.onmember = () => (members += 1);
  for (let at = 0; at < bytes.length || at === 0; at += CHUNK) {
    throwIfAborted(c.ctx.signal, c.layer);
    const end = Math.min(at + CHUNK, bytes.length);
    consumed = end;
    try {
      stream.push(bytes.subarray(at, end), end === bytes.length);
    } catch (e) {
      throw flateError(c, e, end === bytes.length ? bytes.length : at);
    }
    if (end - lastOutputAt > STALL_BYTES && !finished) {
      throw new FormatError({
        code: 'corrupt',
        layer: c.layer,
        offset: lastOutputAt,
        message: `${c.layer} data is corrupt after byte ${formatCount(lastOutputAt)}: ${formatCount(end - lastOutputAt)} bytes of input gave no output.`,
      });
    }
    c.ctx.onProgress?.({ stage: c.layer, done: end, total: bytes.length });
    // Yield between slices of big inputs so cancellation and progress can get through.
    if (bytes.length > 8 * CHUNK && (at / CHUNK) % 16 === 15) await new Promise((r) => setTimeout(r, 0));
    if (end === bytes.length) break;
  }
  if (!finished && c.format !== 'gzip') throw flateError(c, { code: 0 }, bytes.length);
  return members;
}

async function inflateNative(c: Counter, bytes: Uint8Array): Promise<void> {
  const ds = new DecompressionStream(c.format);
  const writer = ds.writable.getWriter();
  const reader = ds.readable.getReader();
  let consumed = 0;
  const feeding = (async () => {
    for (let at = 0; at < bytes.length; at += NATIVE_CHUNK) {
      if (c.ctx.signal?.aborted) break;
      const end = Math.min(at + NATIVE_CHUNK, bytes.length);
      await writer.write(bytes.subarray(at, end) as Uint8Array<ArrayBuffer>);
      consumed = end;
      c.ctx.onProgress?.({ stage: c.layer, done: end, total: bytes.length });
    }
    await writer.close();
  })();
  feeding.catch(() => undefined);
  try {
    for (;;) {
      throwIfAborted(c.ctx.signal, c.layer);
      const { done, value } = await reader.read();
      if (done) break;
      accept(c, value, Math.max(consumed, 1));
    }
    await feeding;
  } catch (e) {
    reader.cancel().catch(() => undefined);
    writer.abort().catch(() => undefined);
    throw e;
  }
}

function nativeAvailable(ctx: LayerContext): boolean {
  if (ctx.engine === 'fflate') return false;
  if (typeof DecompressionStream !== 'function') return false;
  if (ctx.engine === 'native') return true;
  // Node has the class too, but tests and the CLI stay on one well-known engine (fflate) unless asked.
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return !proc?.versions?.node;
}

export interface InflateResult {
  bytes: Uint8Array;
  members: number;
}

export async function inflateBytes(format: FlateFormat, layer: string, bytes: Uint8Array, ctx: LayerContext): Promise<InflateResult> {
  const expected = format === 'gzip' ? gzipExpectedSize(bytes, ctx.limits) : undefined;
  const fresh = (): Counter => ({ layer, format, ctx, total: bytes.length, outBytes: 0, sink: new InflateSink(expected) });
  if (nativeAvailable(ctx)) {
    const c = fresh();
    try {
      await inflateNative(c, bytes);
      // Chromium's DecompressionStream ends quietly on a cut-short stream: the trailer tells.
      if (format !== 'gzip' || gzipTrailerMatches(bytes, c.outBytes)) return { bytes: c.sink.bytes(), members: 1 };
    } catch (e) {
      if (e instanceof FormatError) throw e;
      // Native errors carry no offset and reject gzip members after the first: let fflate say exactly.
    }
  }
  const c = fresh();
  const members = await inflateWithFflate(c, bytes);
  if (format === 'gzip' && members === 1 && !gzipTrailerMatches(bytes, c.outBytes)) {
    throw new FormatError({
      code: 'truncated',
      layer,
      offset: bytes.length,
      message: `gzip stream ends early at byte ${formatCount(bytes.length)}: its 8-byte trailer (checksum and size) is missing or does not match the ${formatCount(c.outBytes)} bytes decompressed.`,
    });
  }
  return { bytes: c.sink.bytes(), members };
}

/**
 * A gzip member ends with CRC-32 and ISIZE (the output size mod 2^32). Checking ISIZE catches a
 * truncated stream for the price of four bytes; a corrupt one already fails to inflate.
 */
function gzipTrailerMatches(bytes: Uint8Array, outBytes: number): boolean {
  if (bytes.length < 18) return false;
  const n = bytes.length;
  const isize = (bytes[n - 4]! | (bytes[n - 3]! << 8) | (bytes[n - 2]! << 16) | (bytes[n - 1]! << 24)) >>> 0;
  return isize === outBytes % 2 ** 32;
}
