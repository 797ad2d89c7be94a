/**
 * A MessagePack reader that remembers what JavaScript numbers forget: which numbers were floats
 * on the wire (1.0 must stay a float) and which were 32-bit floats, in a sparse tree of marks. Integers
 * beyond 2^53 come back as bigint. Keys like "__proto__" become own data properties.
 */
import { FormatError, formatCount } from '../errors.ts';
import type { Limits } from '../limits.ts';
import { escapeSegment } from '../json-pointer.ts';

/** Bits of a number's mark: an integral float (1.0) and a 32-bit float. */
export const FLOAT = 1;
export const FLOAT32 = 2;

/**
 * Where the floats are, as a sparse tree shaped like the value: a container's entry lists only the
 * children that hold floats, [key or index, mark]. A number's mark is its FLOAT/FLOAT32 bits. Its size
 * is bounded by the number of floats and the containers above them, never by the length of their paths.
 */
export type FloatMark = number | FloatMarks;
export type FloatMarks = Array<[string | number, FloatMark]>;

export interface MsgpackSideTable {
  /** The floats of the value, or undefined when it has none. */
  marks: FloatMark | undefined;
  /** How many numbers were marked (integral floats or 32-bit floats). */
  marked: number;
  /** Some map keys were numbers or other non-strings and became strings. */
  nonStringKeys: boolean;
  /** Small maps written with a map16 header (msgpackr does this) versus a fixmap: counts. */
  smallMaps: { fix: number; wide: number };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);

export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

export function decodeMsgpack(bytes: Uint8Array, limits: Limits): { value: unknown; side: MsgpackSideTable } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const side: MsgpackSideTable = { marks: undefined, marked: 0, nonStringKeys: false, smallMaps: { fix: 0, wide: 0 } };
  /** The mark of the value read last; containers gather their children's. */
  let mark: FloatMark | undefined;
  const path: (string | number)[] = [];
  let pos = 0;

  const pointer = (): string => path.map((s) => '/' + escapeSegment(String(s))).join('');
  const fail = (code: 'truncated' | 'corrupt' | 'limit' | 'unsupported', message: string, at = pos): never => {
    throw new FormatError({ code, layer: 'msgpack', offset: at, path: pointer(), message });
  };
  const need = (n: number): void => {
    if (pos + n > bytes.length) {
      fail(
        'truncated',
        `MessagePack data is truncated at byte ${formatCount(bytes.length)}: ${formatCount(n)} more bytes were expected at byte ${formatCount(pos)}.`,
      );
    }
  };
  const u8 = (): number => {
    need(1);
    return bytes[pos++] as number;
  };
  const u16 = (): number => {
    need(2);
    const v = view.getUint16(pos);
    pos += 2;
    return v;
  };
  const u32 = (): number => {
    need(4);
    const v = view.getUint32(pos);
    pos += 4;
    return v;
  };
  const big = (v: bigint): number | bigint => (v > MAX_SAFE || v < MIN_SAFE ? v : Number(v));
  const float = (v: number, width: 32 | 64): number => {
    const bits = (width === 32 ? FLOAT32 : 0) | (Number.isInteger(v) ? FLOAT : 0);
    if (bits) {
      side.marked++;
      mark = bits;
    }
    return v;
  };
  const str = (len: number): string => {
    if (len > limits.maxStringLength) fail('limit', `A string of ${formatCount(len)} bytes is over the limit of ${formatCount(limits.maxStringLength)}.`);
    need(len);
    const start = pos;
    pos += len;
    if (len < 16) {
      let ascii = true;
      let s = '';
      for (let i = start; i < pos; i++) {
        const c = bytes[i] as number;
        if (c > 0x7f) {
          ascii = false;
          break;
        }
        s += String.fromCharCode(c);
      }
      if (ascii) return s;
    }
    try {
      return utf8.decode(bytes.subarray(start, pos));
    } catch {
      return fail('corrupt', `A MessagePack string at byte ${formatCount(start)} is not valid UTF-8.`, start);
    }
  };
  const bin = (len: number): Uint8Array => {
    need(len);
    const out = bytes.slice(pos, pos + len);
    pos += len;
    return out;
  };
  const count = (n: number, what: string, bytesEach: number): number => {
    if (n > limits.maxKeys) fail('limit', `A ${what} of ${formatCount(n)} entries is over the limit of ${formatCount(limits.maxKeys)}.`);
    // Every entry takes at least one byte: a bigger count is a lie, not an allocation to make.
    if (n * bytesEach > bytes.length - pos)
      fail(
        'truncated',
        `MessagePack data is truncated at byte ${formatCount(bytes.length)}: a ${what} at byte ${formatCount(pos)} claims ${formatCount(n)} entries but only ${formatCount(bytes.length - pos)} bytes remain.`,
      );
    return n;
  };

  const deep = (depth: number): void => {
    if (depth >= limits.maxDepth) fail('limit', `Nesting deeper than the limit of ${formatCount(limits.maxDepth)}.`);
  };
  const array = (n: number, depth: number): unknown[] => {
    deep(depth);
    count(n, 'array', 1);
    const out = new Array<unknown>(n);
    let marks: FloatMarks | undefined;
    for (let i = 0; i < n; i++) {
      path.push(i);
      mark = undefined;
      out[i] = read(depth + 1);
      if (mark !== undefined) (marks ??= []).push([i, mark]);
      path.pop();
    }
    mark = marks;
    return out;
  };
  const map = (n: number, depth: number): Record<string, unknown> => {
    deep(depth);
    count(n, 'map', 2);
    const out: Record<string, unknown> = {};
    let marks: FloatMarks | undefined;
    for (let i = 0; i < n; i++) {
      const keyAt = pos;
      const k = read(depth + 1);
      let key: string;
      if (typeof k === 'string') key = k;
      else if (typeof k === 'number' || typeof k === 'bigint' || typeof k === 'boolean' || k === null) {
        key = String(k);
        side.nonStringKeys = true;
      } else {
        return fail('unsupported', `A map key at byte ${formatCount(keyAt)} is a container or binary, which has no place in a JSON-like tree.`, keyAt);
      }
      path.push(key);
      mark = undefined;
      setOwn(out, key, read(depth + 1));
      if (mark !== undefined) (marks ??= []).push([key, mark]);
      path.pop();
    }
    mark = marks;
    return out;
  };

  const read = (depth: number): unknown => {
    const at = pos;
    const b = u8();
    if (b <= 0x7f) return b;
    if (b >= 0xe0) return b - 0x100;
    if (b >= 0xa0 && b <= 0xbf) return str(b & 0x1f);
    if (b >= 0x90 && b <= 0x9f) return array(b & 0x0f, depth);
    if (b >= 0x80 && b <= 0x8f) {
      side.smallMaps.fix++;
      return map(b & 0x0f, depth);
    }
    switch (b) {
      case 0xc0:
        return null;
      case 0xc2:
        return false;
      case 0xc3:
        return true;
      case 0xc4:
        return bin(u8());
      case 0xc5:
        return bin(u16());
      case 0xc6:
        return bin(u32());
      case 0xca: {
        need(4);
        const v = view.getFloat32(pos);
        pos += 4;
        return float(v, 32);
      }
      case 0xcb: {
        need(8);
        const v = view.getFloat64(pos);
        pos += 8;
        return float(v, 64);
      }
      case 0xcc:
        return u8();
      case 0xcd:
        return u16();
      case 0xce:
        return u32();
      case 0xcf: {
        need(8);
        const v = view.getBigUint64(pos);
        pos += 8;
        return big(v);
      }
      case 0xd0: {
        need(1);
        return view.getInt8(pos++);
      }
      case 0xd1: {
        need(2);
        const v = view.getInt16(pos);
        pos += 2;
        return v;
      }
      case 0xd2: {
        need(4);
        const v = view.getInt32(pos);
        pos += 4;
        return v;
      }
      case 0xd3: {
        need(8);
        const v = view.getBigInt64(pos);
        pos += 8;
        return big(v);
      }
      case 0xd9:
        return str(u8());
      case 0xda:
        return str(u16());
      case 0xdb:
        return str(u32());
      case 0xdc:
        return array(u16(), depth);
      case 0xdd:
        return array(u32(), depth);
      case 0xde: {
        const n = u16();
        if (n < 16) side.smallMaps.wide++;
        return map(n, depth);
      }
      case 0xdf:
        return map(u32(), depth);
      case 0xc1:
        return fail('corrupt', `Byte ${formatCount(at)} holds 0xc1, which MessagePack never uses.`, at);
      default:
        // fixext, ext 8/16/32 (0xc7-0xc9, 0xd4-0xd8): application-defined types
        return fail('unsupported', `MessagePack extension type (0x${b.toString(16)}) at byte ${formatCount(at)} is not supported.`, at);
    }
  };

  const value = read(0);
  side.marks = mark;
  if (pos !== bytes.length) {
    fail('corrupt', `MessagePack value ends at byte ${formatCount(pos)} but the data goes on to byte ${formatCount(bytes.length)}.`);
  }
  return { value, side };
}
