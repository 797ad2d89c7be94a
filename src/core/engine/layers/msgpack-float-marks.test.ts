import { describe, expect, it } from 'vitest';
import { withLimits } from '../limits.ts';
import { msgpackDeepFloats } from '../../../test-support/hostile-inputs.ts';
import { decodeBytes } from '../pipeline/decode.ts';
import { encodeDocument } from '../pipeline/encode.ts';
import { decodeMsgpack, type FloatMark } from './msgpack-decoder.ts';

/** Every number and string a mark tree holds: what it costs in memory and in a recipe. */
function markCost(mark: FloatMark | undefined): number {
  if (mark === undefined || typeof mark === 'number') return 1;
  let n = 1;
  for (const [key, child] of mark) n += (typeof key === 'string' ? key.length : 1) + markCost(child);
  return n;
}

describe('MessagePack float marks', () => {
  it('record 19,000 floats 400 levels down in space proportional to the file, not to their paths', () => {
    const bytes = msgpackDeepFloats();
    expect(bytes.length).toBeLessThan(215_000);
    const { side } = decodeMsgpack(bytes, withLimits());
    expect(side.marked).toBe(19_000);
    // Pointers would take 19,000 x 40,400 characters (768 million); the marks take one entry per float and per level.
    expect(markCost(side.marks)).toBeLessThan(2 * bytes.length);
  });

  it('still write every integral float back as a float', async () => {
    const bytes = msgpackDeepFloats(20, 5, 100);
    const doc = await decodeBytes(bytes, { name: 'f.msgpack' });
    const again = await encodeDocument({ value: doc.value, recipe: doc.recipe });
    // The writer picks the smallest array header; every float stays a float64.
    expect(again.length).toBe(bytes.length - 2);
    expect(decodeMsgpack(again, withLimits()).side.marked).toBe(100);
  });
});
