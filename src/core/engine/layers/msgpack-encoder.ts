/**
 * MessagePack writer with the smallest encodings (as common writers do) that honours a side
 * table: numbers listed as floats stay floats (1.0), listed 32-bit floats stay 32-bit.
 */
import { FormatError } from '../errors.ts';
import { escapeSegment } from '../json-pointer.ts';
import { FLOAT, FLOAT32, type FloatMark } from './msgpack-decoder.ts';

export interface MsgpackEncodeHints {
  /** Where the floats are (see FloatMark): what the decoder records now. */
  marks?: FloatMark;
  /** Pointer lists, as recipes saved by earlier versions record them. */
  floats?: readonly string[];
  float32?: readonly string[];
  /** 'map16': write every map under 65,536 entries with a map16 header, as msgpackr does. */
  mapHeader?: 'map16';
}

const utf8 = new TextEncoder();

class Out {
  buf = new Uint8Array(1024);
  view = new DataView(this.buf.buffer);
  len = 0;
  ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
  byte(b: number): void {
    this.ensure(1);
    this.buf[this.len++] = b;
  }
  u16(tag: number, v: number): void {
    this.ensure(3);
    this.buf[this.len++] = tag;
    this.view.setUint16(this.len, v);
    this.len += 2;
  }
  u32(tag: number, v: number): void {
    this.ensure(5);
    this.buf[this.len++] = tag;
    this.view.setUint32(this.len, v);
    this.len += 4;
  }
  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }
}

function header(out: Out, n: number, fix: number, fixMax: number, t8: number | null, t16: number, t32: number): void {
  if (n <= fixMax) out.byte(fix | n);
  else if (t8 !== null && n <= 0xff) {
    out.byte(t8);
    out.byte(n);
  } else if (n <= 0xffff) out.u16(t16, n);
  else out.u32(t32, n);
}

function writeInt(out: Out, v: number | bigint): void {
  if (typeof v === 'number' && v >= 0) {
    if (v <= 0x7f) return out.byte(v);
    if (v <= 0xff) return (out.byte(0xcc), out.byte(v));
    if (v <= 0xffff) return out.u16(0xcd, v);
    if (v <= 0xffffffff) return out.u32(0xce, v);
  } else if (typeof v === 'number') {
    if (v >= -32) return out.byte(v + 0x100);
    if (v >= -0x80) return (out.byte(0xd0), out.byte(v + 0x100));
    if (v >= -0x8000) return (out.ensure(3), out.byte(0xd1), out.view.setInt16(out.len, v), void (out.len += 2));
    if (v >= -0x80000000) return (out.ensure(5), out.byte(0xd2), out.view.setInt32(out.len, v), void (out.len += 4));
  }
  const b = BigInt(v);
  out.ensure(9);
  if (b >= 0n) {
    if (b > 0xffffffffffffffffn) throw new FormatError({ code: 'invalid', layer: 'msgpack', message: `The integer ${b} does not fit in 64 bits.` });
    out.byte(0xcf);
    out.view.setBigUint64(out.len, b);
  } else {
    if (b < -0x8000000000000000n) throw new FormatError({ code: 'invalid', layer: 'msgpack', message: `The integer ${b} does not fit in 64 bits.` });
    out.byte(0xd3);
    out.view.setBigInt64(out.len, b);
  }
  out.len += 8;
}

/** The marks of a container's children by key, built when the writer enters it. */
function childMarks(mark: FloatMark | undefined): Map<string | number, FloatMark> | undefined {
  return Array.isArray(mark) ? new Map(mark) : undefined;
}

export function encodeMsgpack(value: unknown, hints: MsgpackEncodeHints = {}): Uint8Array {
  const floats = new Set(hints.floats ?? []);
  const float32 = new Set(hints.float32 ?? []);
  const track = floats.size > 0 || float32.size > 0;
  const out = new Out();
  const bitsOf = (mark: FloatMark | undefined, pointer: string): number =>
    (typeof mark === 'number' ? mark : 0) | (track && floats.has(pointer) ? FLOAT : 0) | (track && float32.has(pointer) ? FLOAT32 : 0);
  const write = (v: unknown, pointer: string, mark?: FloatMark): void => {
    if (v === null || v === undefined) return out.byte(0xc0);
    switch (typeof v) {
      case 'boolean':
        return out.byte(v ? 0xc3 : 0xc2);
      case 'bigint':
        return writeInt(out, v);
      case 'number': {
        const bits = bitsOf(mark, pointer);
        if (Number.isInteger(v) && Number.isSafeInteger(v) && !(bits & FLOAT) && !Object.is(v, -0)) return writeInt(out, v);
        out.ensure(9);
        if (bits & FLOAT32 && Math.fround(v) === v) {
          out.byte(0xca);
          out.view.setFloat32(out.len, v);
          out.len += 4;
        } else {
          out.byte(0xcb);
          out.view.setFloat64(out.len, v);
          out.len += 8;
        }
        return;
      }
      case 'string': {
        const b = utf8.encode(v);
        header(out, b.length, 0xa0, 31, 0xd9, 0xda, 0xdb);
        return out.bytes(b);
      }
      case 'object':
        break;
      default:
        return out.byte(0xc0);
    }
    if (v instanceof Uint8Array) {
      header(out, v.length, 0, -1, 0xc4, 0xc5, 0xc6);
      return out.bytes(v);
    }
    if (Array.isArray(v)) {
      header(out, v.length, 0x90, 15, null, 0xdc, 0xdd);
      const marks = childMarks(mark);
      for (let i = 0; i < v.length; i++) write(v[i], track ? pointer + '/' + i : '', marks?.get(i));
      return;
    }
    const obj = v as Record<string, unknown>;
    const keys = Object.keys(obj).filter((k) => obj[k] !== undefined);
    if (hints.mapHeader === 'map16' && keys.length <= 0xffff) out.u16(0xde, keys.length);
    else header(out, keys.length, 0x80, 15, null, 0xde, 0xdf);
    const marks = childMarks(mark);
    for (const k of keys) {
      write(k, '');
      write(obj[k], track ? pointer + '/' + escapeSegment(k) : '', marks?.get(k));
    }
  };
  write(value, '', hints.marks);
  return out.buf.subarray(0, out.len);
}
