import { describe, expect, it } from 'vitest';
import { DocumentHost } from './document-host';
import { FormatError } from '../core/engine/errors';
import { displayJson, displayJsonWithin } from '../core/engine/json-text/display-json';
import { gzipDilutedBomb, msgpackDeepFloats, msgpackDeepWide, pickleMemoBomb } from '../test-support/hostile-inputs';

function buffer(b: Uint8Array): ArrayBuffer {
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

async function open(data: Uint8Array, name: string) {
  const host = new DocumentHost();
  await host.open({ source: { kind: 'bytes', bytes: buffer(data), name } }, () => undefined);
  return host;
}

async function openError(data: Uint8Array, name: string): Promise<FormatError> {
  try {
    await open(data, name);
  } catch (e) {
    if (e instanceof FormatError) return e;
    throw e;
  }
  throw new Error('expected a FormatError');
}

describe('the worker open path on hostile inputs', () => {
  it('refuses the pickle memo bomb and the gzip past its budget with typed limits', async () => {
    expect(await openError(pickleMemoBomb(), 'bomb.pkl')).toMatchObject({ code: 'limit', layer: 'pickle' });
    expect(await openError(gzipDilutedBomb(), 'bomb.json.gz')).toMatchObject({ code: 'limit', layer: 'gzip' });
  });

  it('opens the deep-floats MessagePack file', async () => {
    const host = await open(msgpackDeepFloats(), 'floats.msgpack');
    expect(host.text({ pointer: '', maxChars: 1e5 })).toMatchObject({ tooLarge: expect.any(Number) });
  });

  it('answers "too large" for the text of a deep, wide MessagePack file without building it', async () => {
    const host = await open(msgpackDeepWide(), 'deep.msgpack');
    const r = host.text({ pointer: '', maxChars: 10_000_000 });
    expect(r).toHaveProperty('tooLarge');
    expect((r as { tooLarge: number }).tooLarge).toBeGreaterThan(10_000_000);
  });

  it('measures a string shared 20,000 times before writing it', () => {
    const big = 'a'.repeat(1 << 20);
    const r = displayJsonWithin(new Array(20_000).fill(big), 5_000_000);
    expect(r).toHaveProperty('tooLarge');
  });

  it('turns a RangeError of the text into a typed limit', () => {
    let deep: unknown = 0;
    for (let i = 0; i < 20_000; i++) deep = [deep];
    expect(() => displayJson(deep)).toThrow(FormatError);
    try {
      displayJson(deep);
    } catch (e) {
      expect(e).toMatchObject({ code: 'limit', layer: 'text' });
    }
  });
});
