/**
 * Typed errors for everything that reads user input.
 *
 * A failure must tell a person what failed, in which layer and where (byte offset or JSON path),
 * and must survive the trip from the worker to the page as plain data.
 */

export type ErrorCode =
  | 'unknown-format' // no layer recognised the bytes
  | 'maybe-encrypted' // nothing recognised the bytes, and they look random
  | 'truncated' // a stream ends before its structure does
  | 'corrupt' // a checksum, header or structure is wrong
  | 'syntax' // text does not parse in its syntax
  | 'limit' // a configured limit (size, ratio, depth, keys, string length, opcodes...) was hit
  | 'cancelled' // the user stopped the operation
  | 'wrong-key' // authentication failed: wrong key or the file was changed
  | 'needs-key' // the file is encrypted and no key was given
  | 'unsupported' // a recognised but unsupported feature
  | 'invalid' // a value that does not fit the schema or operation it was given to
  | 'internal'; // a bug in this program: always worth a report

export interface ErrorInfo {
  code: ErrorCode;
  /** Which layer or stage failed: 'gzip', 'json', 'msgpack', 'read', 'dspy', ... */
  layer: string;
  /** A sentence for people, with the place in it. */
  message: string;
  /** Byte offset in the input of the failing layer, when known. */
  offset?: number;
  /** JSON path (RFC 6901 pointer) of the failing value, when known. */
  path?: string;
}

export class FormatError extends Error implements ErrorInfo {
  readonly code: ErrorCode;
  readonly layer: string;
  readonly offset?: number;
  readonly path?: string;

  constructor(info: ErrorInfo, options?: { cause?: unknown }) {
    super(info.message, options);
    this.name = 'FormatError';
    this.code = info.code;
    this.layer = info.layer;
    if (info.offset !== undefined) this.offset = info.offset;
    if (info.path !== undefined) this.path = info.path;
  }

  toInfo(): ErrorInfo {
    const info: ErrorInfo = { code: this.code, layer: this.layer, message: this.message };
    if (this.offset !== undefined) info.offset = this.offset;
    if (this.path !== undefined) info.path = this.path;
    return info;
  }
}

export function isFormatError(e: unknown): e is FormatError {
  return e instanceof FormatError;
}

/** Any thrown value as plain, structured-cloneable data; unknown throws become 'internal'. */
export function toErrorInfo(e: unknown, layer = 'internal'): ErrorInfo {
  if (e instanceof FormatError) return e.toInfo();
  if (e instanceof DOMException && e.name === 'AbortError') {
    return { code: 'cancelled', layer, message: 'Cancelled.' };
  }
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'internal', layer, message: `Unexpected error in ${layer}: ${message}` };
}

/** 1234567 -> "1,234,567": offsets are read by people. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
