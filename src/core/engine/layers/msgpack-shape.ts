/**
 * A bounded structural check of MessagePack, for sniffing: walks up to `budget` items without
 * building values. Raw deflate data often starts with a byte that looks like a small map; its
 * structure falls apart within a few items, while real MessagePack holds together to the end.
 */
/** 'truncated': it holds together up to the end of the bytes, which come too soon. */
export type Shape = 'valid' | 'invalid' | 'truncated' | 'unknown';

const FIXED: Record<number, number> = {
  0xc0: 0,
  0xc2: 0,
  0xc3: 0,
  0xca: 4,
  0xcb: 8,
  0xcc: 1,
  0xcd: 2,
  0xce: 4,
  0xcf: 8,
  0xd0: 1,
  0xd1: 2,
  0xd2: 4,
  0xd3: 8,
  0xd4: 2,
  0xd5: 3,
  0xd6: 5,
  0xd7: 9,
  0xd8: 17,
};

/** Bytes taken by the item's header (and payload) and how many child items follow it. */
function stepOf(t: number, len: (n: number) => number): [skip: number, children: number] | null {
  if (t <= 0x7f || t >= 0xe0) return [1, 0];
  if (t <= 0x8f) return [1, (t & 0x0f) * 2];
  if (t <= 0x9f) return [1, t & 0x0f];
  if (t <= 0xbf) return [1 + (t & 0x1f), 0];
  if (t in FIXED) return [1 + (FIXED[t] as number), 0];
  switch (t) {
    case 0xc4:
    case 0xd9:
      return [2 + len(1), 0];
    case 0xc5:
    case 0xda:
      return [3 + len(2), 0];
    case 0xc6:
    case 0xdb:
      return [5 + len(4), 0];
    case 0xc7:
      return [3 + len(1), 0];
    case 0xc8:
      return [4 + len(2), 0];
    case 0xc9:
      return [6 + len(4), 0];
    case 0xdc:
      return [3, len(2)];
    case 0xdd:
      return [5, len(4)];
    case 0xde:
      return [3, len(2) * 2];
    case 0xdf:
      return [5, len(4) * 2];
    default:
      return null;
  }
}

const PLAUSIBLE_COUNT = 1_000_000;

export function msgpackShape(b: Uint8Array, budget = 4096): Shape {
  let pos = 0;
  let pending = 1; // items still to read at all levels
  const len = (at: number, n: number): number => {
    let v = 0;
    for (let i = 0; i < n; i++) v = v * 256 + (b[at + i] as number);
    return v;
  };
  while (pending > 0) {
    if (budget-- <= 0) return 'unknown';
    if (pos >= b.length) return pos === 0 ? 'invalid' : 'truncated';
    const t = b[pos] as number;
    pending--;
    const step = stepOf(t, (n) => len(pos + 1, n));
    if (!step) return 'invalid'; // 0xc1
    const [skip, children] = step;
    pos += skip;
    if (pos > b.length) return 'truncated';
    // A cut file's counts are plausible; a count in the millions is noise that happens to parse.
    if (children > b.length - pos) return children <= PLAUSIBLE_COUNT ? 'truncated' : 'invalid';
    pending += children;
  }
  return pos === b.length ? 'valid' : 'invalid';
}
