/**
 * Decode one opcode and its argument at a time, like pickletools.genops: no objects are built
 * here, so the disassembly, the safety scan and the reader share one careful decoder.
 */
import { FormatError, formatCount } from '../errors.ts';
import type { Limits } from '../limits.ts';
import { OPCODES, type OpcodeInfo } from './opcodes.ts';

export type OpArg = null | number | bigint | boolean | string | Uint8Array | readonly [string, string];

export interface Op {
  info: OpcodeInfo;
  arg: OpArg;
  /** Byte offset of the opcode byte. */
  offset: number;
  /** Byte offset just past the argument. */
  end: number;
}

const LAYER = 'pickle';
const textDecoder = new TextDecoder('utf-8');

/** TextDecoder has a high per-call cost; most pickle strings are short ASCII names and keys. */
function utf8(bytes: Uint8Array): string {
  if (bytes.length <= 64) {
    let ascii = true;
    for (let i = 0; i < bytes.length; i++)
      if ((bytes[i] as number) >= 0x80) {
        ascii = false;
        break;
      }
    if (ascii) return String.fromCharCode(...bytes);
  }
  return textDecoder.decode(bytes);
}

export function pickleError(code: 'truncated' | 'corrupt' | 'limit' | 'unsupported', message: string, offset: number): FormatError {
  return new FormatError({ code, layer: LAYER, message: `${message} (byte ${formatCount(offset)})`, offset });
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  }
  return s;
}

/** Little-endian two's complement, exact: a number when it fits, else a bigint. */
export function decodeLong(bytes: Uint8Array): number | bigint {
  const n = bytes.length;
  if (n === 0) return 0;
  if (n <= 6) {
    let v = 0;
    for (let i = n - 1; i >= 0; i--) v = v * 256 + (bytes[i] ?? 0);
    if ((bytes[n - 1] ?? 0) & 0x80) v -= 2 ** (8 * n);
    return v;
  }
  let hex = '';
  for (let i = n - 1; i >= 0; i--) hex += (bytes[i] ?? 0).toString(16).padStart(2, '0');
  let v = BigInt('0x' + hex);
  if ((bytes[n - 1] ?? 0) & 0x80) v -= 1n << BigInt(8 * n);
  return narrow(v);
}

export function narrow(v: bigint): number | bigint {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

/** Python's repr() of a str, as written by protocol 0 STRING: quotes and backslash escapes. */
function unescapeString(text: string, offset: number): string {
  const q = text[0];
  if (text.length < 2 || (q !== "'" && q !== '"') || text[text.length - 1] !== q) {
    throw pickleError('corrupt', 'STRING argument is not a quoted string', offset);
  }
  const body = text.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    switch (e) {
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'a':
        out += '\x07';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'v':
        out += '\v';
        break;
      case '\n':
        break;
      case 'x': {
        const h = body.slice(i + 1, i + 3);
        if (!/^[0-9a-fA-F]{2}$/.test(h)) throw pickleError('corrupt', 'bad \\x escape in STRING', offset);
        out += String.fromCharCode(parseInt(h, 16));
        i += 2;
        break;
      }
      default:
        if (e !== undefined && e >= '0' && e <= '7') {
          let oct = e;
          while (oct.length < 3 && /[0-7]/.test(body[i + 1] ?? '')) oct += body[++i];
          out += String.fromCharCode(parseInt(oct, 8) & 0xff);
        } else {
          out += '\\' + (e ?? '');
        }
    }
  }
  return out;
}

/** raw-unicode-escape, as protocol 0 UNICODE writes: latin-1 bytes plus \uXXXX and \UXXXXXXXX. */
function rawUnicodeEscape(bytes: Uint8Array, offset: number): string {
  const s = latin1(bytes);
  return s.replace(/\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})/g, (_m, u4: string | undefined, u8: string | undefined) => {
    const cp = parseInt((u4 ?? u8) as string, 16);
    if (cp > 0x10ffff) throw pickleError('corrupt', 'UNICODE escape beyond U+10FFFF', offset);
    return String.fromCodePoint(cp);
  });
}

function parseDecimal(text: string, what: string, offset: number): number | bigint {
  const t = text.trim();
  if (!/^[-+]?\d+$/.test(t)) throw pickleError('corrupt', `${what} argument is not an integer`, offset);
  return narrow(BigInt(t));
}

function parseFloatText(text: string, offset: number): number {
  const t = text.trim().toLowerCase();
  if (t === 'nan' || t === '-nan') return NaN;
  if (t === 'inf' || t === '+inf') return Infinity;
  if (t === '-inf') return -Infinity;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/.test(t)) throw pickleError('corrupt', 'FLOAT argument is not a number', offset);
  return Number(t);
}

/** A cursor over one pickle stream. */
export class OpReader {
  pos: number;
  private readonly view: DataView;

  constructor(
    readonly bytes: Uint8Array,
    private readonly limits: Limits,
    start = 0,
  ) {
    this.pos = start;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get done(): boolean {
    return this.pos >= this.bytes.length;
  }

  private need(n: number, name: string, at: number): void {
    if (n > this.bytes.length - this.pos) {
      throw pickleError('truncated', `The pickle ends inside the argument of ${name}: needs ${formatCount(n)} more bytes`, at);
    }
  }

  private take(n: number, name: string, at: number): Uint8Array {
    this.need(n, name, at);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  private line(name: string, at: number): string {
    const max = Math.min(this.bytes.length, this.pos + this.limits.maxStringLength + 1);
    const nl = this.bytes.indexOf(0x0a, this.pos);
    if (nl < 0 || nl >= max) {
      if (nl < 0) throw pickleError('truncated', `The pickle ends inside the text argument of ${name}`, at);
      throw pickleError('limit', `The text argument of ${name} is longer than the string limit`, at);
    }
    const text = latin1(this.bytes.subarray(this.pos, nl));
    this.pos = nl + 1;
    return text;
  }

  private length(n: number | bigint, name: string, at: number): number {
    if (typeof n === 'bigint' || n > this.bytes.length - this.pos) {
      throw pickleError('truncated', `${name} declares ${formatCount(Number(n))} bytes but the pickle ends sooner`, at);
    }
    if (n < 0) throw pickleError('corrupt', `${name} declares a negative length`, at);
    return n;
  }

  private str(n: number, name: string, at: number, decode: (b: Uint8Array) => string): string {
    const len = this.length(n, name, at);
    if (len > this.limits.maxStringLength * 4) throw pickleError('limit', `${name} is longer than the string limit`, at);
    const s = decode(this.take(len, name, at));
    if (s.length > this.limits.maxStringLength) throw pickleError('limit', `${name} is longer than the string limit`, at);
    return s;
  }

  private u64(name: string, at: number): number {
    this.need(8, name, at);
    const lo = this.view.getUint32(this.pos, true);
    const hi = this.view.getUint32(this.pos + 4, true);
    this.pos += 8;
    return hi * 2 ** 32 + lo;
  }

  next(): Op {
    const offset = this.pos;
    if (offset >= this.bytes.length) throw pickleError('truncated', 'The pickle ends without a STOP opcode', offset);
    const code = this.bytes[offset] ?? 0;
    const info = OPCODES[code];
    if (!info) {
      throw pickleError('corrupt', `Byte 0x${code.toString(16).padStart(2, '0')} is not a pickle opcode`, offset);
    }
    this.pos++;
    const name = info.name;
    let arg: OpArg = null;
    switch (info.arg) {
      case 'none':
        break;
      case 'uint1':
        arg = this.take(1, name, offset)[0] ?? 0;
        break;
      case 'uint2':
        this.need(2, name, offset);
        arg = this.view.getUint16(this.pos, true);
        this.pos += 2;
        break;
      case 'int4':
        this.need(4, name, offset);
        arg = this.view.getInt32(this.pos, true);
        this.pos += 4;
        break;
      case 'uint4':
        this.need(4, name, offset);
        arg = this.view.getUint32(this.pos, true);
        this.pos += 4;
        break;
      case 'uint8':
        arg = this.u64(name, offset);
        break;
      case 'decimalnl_short': {
        const t = this.line(name, offset);
        arg = t === '01' ? true : t === '00' ? false : parseDecimal(t, name, offset);
        break;
      }
      case 'decimalnl_long': {
        const t = this.line(name, offset);
        arg = parseDecimal(t.endsWith('L') ? t.slice(0, -1) : t, name, offset);
        break;
      }
      case 'floatnl':
        arg = parseFloatText(this.line(name, offset), offset);
        break;
      case 'float8':
        this.need(8, name, offset);
        arg = this.view.getFloat64(this.pos, false);
        this.pos += 8;
        break;
      case 'stringnl':
        arg = unescapeString(this.line(name, offset), offset);
        break;
      case 'stringnl_noescape':
        arg = this.line(name, offset);
        break;
      case 'stringnl_noescape_pair':
        arg = [this.line(name, offset), this.line(name, offset)] as const;
        break;
      case 'unicodestringnl': {
        const start = this.pos;
        this.line(name, offset);
        arg = rawUnicodeEscape(this.bytes.subarray(start, this.pos - 1), offset);
        break;
      }
      case 'string1':
        arg = this.str(this.take(1, name, offset)[0] ?? 0, name, offset, latin1);
        break;
      case 'string4': {
        this.need(4, name, offset);
        const n = this.view.getInt32(this.pos, true);
        this.pos += 4;
        arg = this.str(n, name, offset, latin1);
        break;
      }
      case 'bytes1':
        arg = this.take(this.length(this.take(1, name, offset)[0] ?? 0, name, offset), name, offset);
        break;
      case 'bytes4': {
        this.need(4, name, offset);
        const n = this.view.getUint32(this.pos, true);
        this.pos += 4;
        arg = this.take(this.length(n, name, offset), name, offset);
        break;
      }
      case 'bytes8':
      case 'bytearray8':
        arg = this.take(this.length(this.u64(name, offset), name, offset), name, offset);
        break;
      case 'unicodestring1':
        arg = this.str(this.take(1, name, offset)[0] ?? 0, name, offset, utf8);
        break;
      case 'unicodestring4': {
        this.need(4, name, offset);
        const n = this.view.getUint32(this.pos, true);
        this.pos += 4;
        arg = this.str(n, name, offset, utf8);
        break;
      }
      case 'unicodestring8':
        arg = this.str(this.u64(name, offset), name, offset, utf8);
        break;
      case 'long1': {
        const n = this.take(1, name, offset)[0] ?? 0;
        arg = decodeLong(this.take(n, name, offset));
        break;
      }
      case 'long4': {
        this.need(4, name, offset);
        const n = this.view.getInt32(this.pos, true);
        this.pos += 4;
        if (n < 0) throw pickleError('corrupt', 'LONG4 declares a negative length', offset);
        // Decoding a huge integer costs quadratic time in places; a real pickle never needs this.
        if (n > Math.min(this.limits.maxStringLength, 1 << 20)) throw pickleError('limit', 'LONG4 integer is too long', offset);
        arg = decodeLong(this.take(this.length(n, name, offset), name, offset));
        break;
      }
    }
    return { info, arg, offset, end: this.pos };
  }
}
