import { describe, expect, it } from 'vitest';
import { gzipSync } from 'fflate';
import { gzipExpectedSize, InflateSink } from './inflate-sink.ts';
import { gzipLayer } from './gzip.ts';
import { DEFAULT_LIMITS } from '../limits.ts';
import { rejection } from '../../../test-support/errors.ts';

const bytesOf = (...xs: number[]) => Uint8Array.from(xs);

describe('InflateSink', () => {
  it('copies each chunk into the one buffer of the announced size as it arrives, holding no chunk', () => {
    const sink = new InflateSink(6);
    const a = bytesOf(1, 2, 3);
    const b = bytesOf(4, 5, 6);
    sink.push(a);
    sink.push(b);
    // A producer that reuses its chunk after handing it over cannot change what was received.
    a.fill(0);
    b.fill(0);
    const out = sink.bytes();
    expect([...out]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(out.byteOffset).toBe(0);
    expect(out.buffer.byteLength).toBe(6);
  });

  it('goes on with a list of chunks when the stream outgrows the size it was given', () => {
    const sink = new InflateSink(4);
    sink.push(bytesOf(1, 2, 3));
    sink.push(bytesOf(4, 5));
    sink.push(bytesOf(6));
    expect([...sink.bytes()]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(sink.length).toBe(6);
  });

  it('gives back only what arrived when less came than announced, in a buffer of that size', () => {
    const sink = new InflateSink(1000);
    sink.push(bytesOf(7, 8));
    const out = sink.bytes();
    expect([...out]).toEqual([7, 8]);
    expect(out.buffer.byteLength).toBe(2);
  });

  it('joins chunks at the end when no size was known', () => {
    const sink = new InflateSink();
    sink.push(bytesOf(1));
    sink.push(new Uint8Array(0));
    sink.push(bytesOf(2, 3));
    expect([...sink.bytes()]).toEqual([1, 2, 3]);
  });
});

describe('gzipExpectedSize', () => {
  const text = new TextEncoder().encode('{"a": "' + 'x'.repeat(5000) + '"}');
  const gz = gzipSync(text);

  it("reads the member's size from its trailer", () => {
    expect(gzipExpectedSize(gz, DEFAULT_LIMITS)).toBe(text.length);
  });

  it('does not believe a trailer that announces more than the limits let this input make', () => {
    const forged = gz.slice();
    forged.set([0xff, 0xff, 0xff, 0x7f], forged.length - 4);
    expect(gzipExpectedSize(forged, DEFAULT_LIMITS)).toBeUndefined();
    expect(gzipExpectedSize(gz, { maxOutputBytes: text.length - 1, maxRatio: 1000 })).toBeUndefined();
    expect(gzipExpectedSize(gz, { maxOutputBytes: 1e9, maxRatio: 1 })).toBeUndefined();
  });
});

describe('gzip through the sized sink', () => {
  const ctx = { limits: DEFAULT_LIMITS };
  const big = new TextEncoder().encode(Array.from({ length: 20_000 }, (_, i) => `line ${i} ${'é'.repeat(i % 7)}`).join('\n'));

  it.each(['fflate', 'native'] as const)('inflates a many-chunk member to the exact bytes (%s)', async (engine) => {
    const out = await gzipLayer.decode(gzipSync(big), { ...ctx, engine });
    expect(out.bytes.length).toBe(big.length);
    expect(Buffer.from(out.bytes).equals(Buffer.from(big))).toBe(true);
  });

  it('inflates several members, though the trailer sizes only the last', async () => {
    const first = gzipSync(big);
    const last = gzipSync(bytesOf(0x41, 0x42));
    const both = new Uint8Array(first.length + last.length);
    both.set(first);
    both.set(last, first.length);
    const out = await gzipLayer.decode(both, ctx);
    expect(out.bytes.length).toBe(big.length + 2);
    expect([...out.bytes.subarray(big.length)]).toEqual([0x41, 0x42]);
    expect(out.options.members).toBe(2);
  });

  it('reports a forged trailer as a cut-short stream, without setting memory aside for it', async () => {
    const gz = gzipSync(big);
    gz.set([0xff, 0xff, 0xff, 0x0f], gz.length - 4);
    const e = await rejection(gzipLayer.decode(gz, ctx));
    expect(e.code).toBe('truncated');
  });
});
