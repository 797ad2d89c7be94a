import { describe, expect, it } from 'vitest';
import { pack } from 'msgpackr';
import { decodeMsgpack } from './msgpack-decoder.ts';
import { encodeMsgpack } from './msgpack-encoder.ts';
import { msgpackLayer } from './msgpack.ts';
import { withLimits } from '../limits.ts';
import type { FormatError } from '../errors.ts';

const limits = withLimits();

describe('MessagePack wire types', () => {
  it('keeps a float 1.0 a float and a 32-bit float 32-bit on re-encode', () => {
    const f64 = new Uint8Array([0x82, 0xa1, 0x74, 0xcb, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0, 0xa1, 0x6e, 0x01]);
    const { value, side } = decodeMsgpack(f64, limits);
    expect(value).toEqual({ t: 1, n: 1 });
    expect(side.marks).toEqual([['t', 1]]);
    expect(encodeMsgpack(value, { marks: side.marks })).toEqual(f64);
    // Recipes saved by earlier versions list pointers: they still work.
    expect(encodeMsgpack(value, { floats: ['/t'] })).toEqual(f64);
    const f32 = new Uint8Array([0x91, 0xca, 0x3f, 0xc0, 0, 0]);
    const d32 = decodeMsgpack(f32, limits);
    expect(d32.value).toEqual([1.5]);
    expect(encodeMsgpack(d32.value, { marks: d32.side.marks })).toEqual(f32);
    // Without the side table 1.0 would shrink to the integer 1: the table is what keeps it.
    expect(encodeMsgpack(value)).not.toEqual(f64);
  });

  it('keeps integers beyond 2^53 exact as bigint', () => {
    const bytes = new Uint8Array([0x92, 0xcf, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xd3, 0x80, 0, 0, 0, 0, 0, 0, 0]);
    const { value, side } = decodeMsgpack(bytes, limits);
    expect(value).toEqual([18446744073709551615n, -9223372036854775808n]);
    expect(encodeMsgpack(value, side)).toEqual(bytes);
  });

  it('re-encodes what msgpackr writes byte for byte', () => {
    const v = { version: '1.1.0', list: [1, -5, 300, -70000, 2 ** 40, 0.25, 'é', null, true, false], nested: { a: { b: [] } }, s: 'x'.repeat(300) };
    const bytes = pack(v);
    const { value, side } = decodeMsgpack(bytes, limits);
    expect(value).toEqual(v);
    expect(side.smallMaps).toEqual({ fix: 0, wide: 3 });
    expect(Buffer.from(encodeMsgpack(value, { ...side, mapHeader: 'map16' })).equals(Buffer.from(bytes))).toBe(true);
  });

  it('reports truncation, junk after the value and lying lengths with offsets', () => {
    const err = (b: number[]) => {
      try {
        decodeMsgpack(new Uint8Array(b), limits);
      } catch (e) {
        return e as FormatError;
      }
      throw new Error('no error');
    };
    expect(err([0x92, 0x01])).toMatchObject({ code: 'truncated', layer: 'msgpack', offset: 1, path: '' });
    expect(err([0x91, 0xa5, 0x61])).toMatchObject({ code: 'truncated', offset: 2, path: '/0' });
    expect(err([0x80, 0x01])).toMatchObject({ code: 'corrupt', offset: 1 });
    expect(err([0xdd, 0xff, 0xff, 0xff, 0xff])).toMatchObject({ code: 'limit' });
    expect(err([0xdd, 0x00, 0x01, 0x00, 0x00])).toMatchObject({ code: 'truncated' });
    expect(err([0xc1])).toMatchObject({ code: 'corrupt', offset: 0 });
  });

  it('sniffs 0x80 alone as MessagePack and 0x80 0x04 (a pickle) as not', () => {
    expect(msgpackLayer.sniff(new Uint8Array([0x80]))).toBeGreaterThanOrEqual(0.75);
    expect(msgpackLayer.sniff(new Uint8Array([0x80, 0x04, 0x95, 0x0a]))).toBeLessThan(0.1);
    expect(msgpackLayer.sniff(pack({ a: 1 }))).toBeGreaterThanOrEqual(0.75);
  });
});
