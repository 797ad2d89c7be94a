/**
 * A bounded structural check of MessagePack, for sniffing: walks up to `budget` items without
 * building values. Raw deflate data often starts with a byte that looks like a small map; its
 * structure falls apart within a few items, while real MessagePack holds together to the end.
 */
export type Shape = 'valid' | 'invalid' | 'unknown';

const FIXED: Record<number, number> = {
  0xc0: 0, 0xc2: 0, 0xc3: 0, 0xca: 4, 0xcb: 8, 0xcc: 1, 0xcd: 2, 0xce: 4, 0xcf: 8,
  0xd0: 1, 0xd1: 2, 0xd2: 4, 0xd3: 8, 0xd4: 2, 0xd5: 3, 0xd6: 5, 0xd7: 9, 0xd8: 17,
};

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
    if (pos >= b.length) return 'invalid';
    const t = b[pos] as number;
    pending--;
    let skip = 0;
    let children = 0;
    if (t <= 0x7f || t >= 0xe0) skip = 1;
    else if (t <= 0x8f) (children = (t & 0x0f) * 2), (skip = 1);
    else if (t <= 0x9f) (children = t & 0x0f), (skip = 1);
    else if (t <= 0xbf) skip = 1 + (t & 0x1f);
    else if (t in FIXED) skip = 1 + (FIXED[t] as number);
    else if (t === 0xc4 || t === 0xd9) skip = 2 + len(pos + 1, 1);
    else if (t === 0xc5 || t === 0xda) skip = 3 + len(pos + 1, 2);
    else if (t === 0xc6 || t === 0xdb) skip = 5 + len(pos + 1, 4);
    else if (t === 0xc7) skip = 3 + len(pos + 1, 1);
    else if (t === 0xc8) skip = 4 + len(pos + 1, 2);
    else if (t === 0xc9) skip = 6 + len(pos + 1, 4);
    else if (t === 0xdc) (children = len(pos + 1, 2)), (skip = 3);
    else if (t === 0xdd) (children = len(pos + 1, 4)), (skip = 5);
    else if (t === 0xde) (children = len(pos + 1, 2) * 2), (skip = 3);
    else if (t === 0xdf) (children = len(pos + 1, 4) * 2), (skip = 5);
    else return 'invalid'; // 0xc1
    pos += skip;
    if (pos > b.length || children > b.length - pos) return 'invalid';
    pending += children;
  }
  return pos === b.length ? 'valid' : 'invalid';
}
