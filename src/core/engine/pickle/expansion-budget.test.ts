import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeBytes } from '../pipeline/decode.ts';
import { withLimits } from '../limits.ts';
import { errorOf, rejection } from '../../../test-support/errors.ts';
import { pickleBigIntCalls, pickleMemoBomb, pickleSharedString, pickleWideAppends } from '../../../test-support/hostile-inputs.ts';
import { overExpansionError, readPickle } from './reader.ts';
import { intRepr, pyRepr } from './repr.ts';
import { pickleToValue } from './to-value.ts';

describe('the pickle expansion budget counts bytes, not values', () => {
  afterEach(() => vi.restoreAllMocks());

  it('finds a 134-byte memo bomb in the reader, at the opcode that passes the budget, and reads on for the safety report', () => {
    const bomb = pickleMemoBomb();
    expect(bomb.length).toBeLessThan(140);
    const r = readPickle(bomb, { limits: withLimits({ maxOutputBytes: 64 << 20 }) });
    expect(r.trace.opcodes).toBe(6 * 20 + 4);
    const e = overExpansionError(r.trace, 'safe');
    expect(e?.code).toBe('limit');
    expect(e?.layer).toBe('pickle');
    expect(e?.message).toMatch(/^APPENDS at byte 1\d\d: the pickle's shared references expand to more than 67,108,864 bytes.*Its safety verdict: safe\.$/);
    // The last level's APPENDS: nothing was expanded.
    expect(e?.offset).toBeGreaterThan(100);
    expect(e?.offset).toBeLessThan(bomb.length);
  });

  it('opens the bomb as a typed limit error through the pipeline, with its byte offset', async () => {
    const e = await rejection(decodeBytes(pickleMemoBomb(), { name: 'bomb.pkl' }));
    expect(e.code).toBe('limit');
    expect(e.layer).toBe('pickle');
    expect(e.offset).toBeGreaterThan(100);
  });

  it('counts a string at its length each time it is referenced, and says where the budget ran out', () => {
    const r = readPickle(pickleSharedString(1000, 2000));
    const e = errorOf(() => pickleToValue(r.value, { limits: withLimits({ maxOutputBytes: 1 << 20 }) }));
    expect(e.code).toBe('limit');
    expect(e.layer).toBe('pickle');
    // 1 MiB of 1,008-byte strings runs out at about the 1,040th reference.
    expect(e.path).toMatch(/^\/10[34]\d$/);
  });

  it('refuses a 1 MB pickle of one string referenced 20,000 times before any text is built', async () => {
    const bytes = pickleSharedString();
    const e = await rejection(decodeBytes(bytes, { name: 'shared.pkl' }));
    expect(e.code).toBe('limit');
    expect(e.layer).toBe('pickle');
    // The LIST that gathers the 20,000 references.
    expect(e.offset).toBe(bytes.length - 2);
  });

  it('turns a big integer into digits once however often it is referenced', () => {
    const r = readPickle(pickleBigIntCalls(5000, 200));
    const toString = vi.spyOn(BigInt.prototype, 'toString');
    const value = pickleToValue(r.value) as { $call: string; args: { $int: string }[] }[];
    expect(value).toHaveLength(200);
    expect(value[199]?.args[0]?.$int).toHaveLength(5000);
    expect(toString.mock.calls.filter((c) => c[0] === undefined || c[0] === 10)).toHaveLength(1);
  });

  it('shows a big integer with at most 40 digits, and never converts one past Python own digit limit', () => {
    const toString = vi.spyOn(BigInt.prototype, 'toString');
    expect(intRepr(10n ** 99n + 7n)).toBe('1' + '0'.repeat(39) + '…<100 digits>');
    expect(pyRepr(-(10n ** 60n))).toBe('-1' + '0'.repeat(39) + '…<61 digits>');
    expect(intRepr(12345n)).toBe('12345');
    toString.mockClear();
    expect(intRepr(10n ** 45_000n)).toBe('<int of about 45,001 digits>');
    expect(toString.mock.calls.every((c) => c[0] === 16)).toBe(true);
  });

  it('reads a 300,000-item APPENDS onto an object, and caps it as a limit at its opcode', async () => {
    const bytes = pickleWideAppends(300_000, 'object');
    const doc = await decodeBytes(bytes, { name: 'wide.pkl' });
    expect((doc.value as { items: unknown[] }).items).toHaveLength(300_000);
    const e = await rejection(decodeBytes(bytes, { name: 'wide.pkl', limits: { maxKeys: 100_000 } }));
    expect(e.code).toBe('limit');
    expect(e.layer).toBe('pickle');
    // The stack (the deque, then the items from byte 24, 2 bytes each) passes the cap at item 99,999.
    expect(e.offset).toBe(24 + 2 * 99_999);
    expect(e.message).toMatch(/the stack is deeper than the limit/);
  });
});
