/**
 * Byte-level mutations in the manner of AFL's "havoc" stage: flips, interesting values, lengths
 * written as big- and little-endian integers, chunk deletes, copies and splices, and tokens from
 * the family's dictionary (opcodes, magic numbers, syntax). Each returns a short trace, so a
 * finding says how its input was made.
 */
import type { Random } from './random';

/** Values that sit on the edges of signed/unsigned 8/16/32-bit ranges. */
const INTERESTING_8 = [0, 1, 0x7f, 0x80, 0xff, 0x10, 0x20, 0x40, 0x64];
const INTERESTING_32 = [0, 1, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xffffffff, 1 << 20, 1 << 24];

export interface Mutation {
  bytes: Uint8Array;
  trace: string[];
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function writeInt(bytes: Uint8Array, at: number, value: number, width: 2 | 4, littleEndian: boolean): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (at + width > bytes.length) return;
  if (width === 2) view.setUint16(at, value & 0xffff, littleEndian);
  else view.setUint32(at, value >>> 0, littleEndian);
}

/** One havoc step; `others` are the family's other seeds, for splicing. */
function step(rng: Random, input: Uint8Array, dictionary: readonly Uint8Array[], others: readonly Uint8Array[]): { bytes: Uint8Array; what: string } {
  const b = input.slice();
  const at = b.length === 0 ? 0 : rng.int(b.length);
  // The layer headers (magic numbers, lengths, first opcodes) decide the most: aim there often.
  const head = b.length === 0 ? 0 : rng.int(Math.min(b.length, 64));
  const pos = rng.chance(0.3) ? head : at;
  switch (rng.int(12)) {
    case 0:
      if (b.length) b[pos]! ^= 1 << rng.int(8);
      return { bytes: b, what: `flip@${pos}` };
    case 1:
      if (b.length) b[pos] = rng.pick(INTERESTING_8);
      return { bytes: b, what: `byte@${pos}=${b[pos]}` };
    case 2: {
      const v = rng.pick(INTERESTING_32);
      const width = rng.chance(0.5) ? 2 : 4;
      const le = rng.chance(0.5);
      writeInt(b, pos, v, width, le);
      return { bytes: b, what: `int${width * 8}${le ? 'le' : 'be'}@${pos}=${v}` };
    }
    case 3:
      if (b.length) b[pos] = (b[pos]! + rng.int(70) - 35) & 0xff;
      return { bytes: b, what: `arith@${pos}` };
    case 4: {
      const len = 1 + rng.small(Math.max(1, b.length >> 2));
      return { bytes: concat(b.subarray(0, pos), b.subarray(pos + len)), what: `delete@${pos}+${len}` };
    }
    case 5: {
      const from = rng.int(Math.max(1, b.length));
      const len = 1 + rng.small(Math.min(256, Math.max(1, b.length - from)));
      const chunk = b.slice(from, from + len);
      const times = rng.chance(0.15) ? 2 + rng.small(200) : 1;
      const parts = Array.from({ length: times }, () => chunk);
      return { bytes: concat(b.subarray(0, pos), ...parts, b.subarray(pos)), what: `copy@${from}+${len}x${times}->${pos}` };
    }
    case 6:
    case 7: {
      if (dictionary.length === 0) return { bytes: b, what: 'noop' };
      const token = rng.pick(dictionary);
      const times = rng.chance(0.1) ? 2 + rng.small(500) : 1;
      const parts = Array.from({ length: times }, () => token);
      if (rng.chance(0.5)) return { bytes: concat(b.subarray(0, pos), ...parts, b.subarray(pos)), what: `token-insert@${pos}x${times}` };
      const over = concat(...parts);
      const out = concat(b.subarray(0, pos), over, b.subarray(Math.min(b.length, pos + over.length)));
      return { bytes: out, what: `token-over@${pos}x${times}` };
    }
    case 8: {
      const cut = rng.int(b.length + 1);
      return { bytes: b.subarray(0, cut), what: `truncate@${cut}` };
    }
    case 9: {
      if (others.length === 0) return { bytes: b, what: 'noop' };
      const other = rng.pick(others);
      const from = rng.int(Math.max(1, other.length));
      return { bytes: concat(b.subarray(0, pos), other.subarray(from)), what: `splice@${pos}<-${from}` };
    }
    case 10: {
      const n = 1 + rng.small(16);
      return { bytes: concat(b.subarray(0, pos), rng.bytes(n), b.subarray(pos)), what: `random-insert@${pos}+${n}` };
    }
    default: {
      const n = Math.min(b.length - pos, 1 + rng.small(32));
      for (let i = 0; i < n; i++) b[pos + i] = rng.int(256);
      return { bytes: b, what: `random-over@${pos}+${n}` };
    }
  }
}

/** One to eight stacked havoc steps; the trace lists them in order. */
export function havoc(rng: Random, input: Uint8Array, dictionary: readonly Uint8Array[] = [], others: readonly Uint8Array[] = []): Mutation {
  let bytes = input;
  const trace: string[] = [];
  const steps = 1 + rng.small(7);
  for (let i = 0; i < steps; i++) {
    const r = step(rng, bytes, dictionary, others);
    bytes = r.bytes;
    trace.push(r.what);
  }
  return { bytes, trace };
}

export function tokens(...items: Array<string | number[]>): Uint8Array[] {
  return items.map((t) => (typeof t === 'string' ? new TextEncoder().encode(t) : Uint8Array.from(t)));
}
