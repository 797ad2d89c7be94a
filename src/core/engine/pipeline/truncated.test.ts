import { rejection } from '../../../test-support/errors.ts';
import { describe, expect, it } from 'vitest';
import { encodeMsgpack } from '../layers/msgpack-encoder.ts';
import { readRepoFile } from '../../../test-support/real-fixtures.ts';
import { decodeBytes } from './decode.ts';

describe('a file cut short says where it ends', () => {
  it('a truncated protocol-2 pickle is "truncated" with its byte offset, not "unknown format"', async () => {
    const whole = readRepoFile('fixtures/pickle/malicious-os-system-p2.pkl');
    // Cut after its call, the pickle still opens: Python would have run the call before it fails, so the
    // safety report is shown, with the break and its place as a warning.
    const afterCall = await decodeBytes(whole.slice(0, whole.length - 1), { name: 'cut.pkl' });
    expect(afterCall.recipe[0]?.options.safety).toMatchObject({ verdict: 'dangerous' });
    expect(afterCall.warnings.join(' ')).toMatch(/breaks before its end \(The pickle ends .*byte \d+/);
    for (const keep of [Math.floor(whole.length / 2), 12]) {
      const e = await rejection(decodeBytes(whole.slice(0, keep), { name: 'cut.pkl' }));
      expect(e.code).toBe('truncated');
      expect(e.layer).toBe('pickle');
      expect(e.offset).toBeLessThanOrEqual(keep);
    }
  });

  it('a truncated MessagePack array or map is "truncated" at the byte it needed', async () => {
    const whole = encodeMsgpack([{ question: 'q?', answer: 'a!' }, [1, 2, 3], 'tail']);
    for (const keep of [whole.length - 1, 10, 3]) {
      const e = await rejection(decodeBytes(whole.slice(0, keep), { name: 'cut.bin' }));
      expect(e.code).toBe('truncated');
      expect(e.layer).toBe('msgpack');
      expect(e.message).toMatch(new RegExp(`^MessagePack data is truncated at byte ${keep}:`));
      expect(e.offset).toBeLessThanOrEqual(keep);
    }
  });
});
