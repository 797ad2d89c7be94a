/**
 * A lower bound of the length of a value's JSON text, that stops counting once it passes `max`: a
 * view can refuse a text too big to show without building it (a string shared 20,000 times, a
 * 500-deep array whose indentation alone passes any string limit). Strings count without escapes,
 * so the bound is exact for plain text and low otherwise.
 */
export function jsonLengthAtLeast(value: unknown, indent: number, max: number): number {
  let total = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0 && total <= max) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (v === null || v === undefined) total += 4;
    else if (typeof v === 'string') total += v.length + 2;
    else if (typeof v === 'number') total += Math.max(1, Math.floor(Math.log10(Math.abs(v))) + 1 || 1);
    else if (typeof v === 'boolean') total += v ? 4 : 5;
    else if (typeof v === 'bigint') total += v.toString(16).length;
    else if (typeof v === 'object') {
      const items = Array.isArray(v) ? v : Object.values(v as Record<string, unknown>);
      const keys = Array.isArray(v) ? undefined : Object.keys(v as Record<string, unknown>);
      // Brackets, separators, and a newline with indentation before each item and the closing bracket.
      total += 2 + items.length + (indent > 0 ? (items.length + 1) * (1 + indent * depth) + items.length * indent : 0);
      if (keys) for (const k of keys) total += k.length + 3;
      for (let i = items.length - 1; i >= 0 && total <= max; i--) stack.push([items[i], depth + 1]);
    }
  }
  return total;
}
