/**
 * Checks a decoded value tree against depth, key-count and string-length caps, iteratively (a
 * hostile 100,000-deep array must not overflow the stack). The JSON path of the offending value is
 * only built when a cap is hit.
 */
import { FormatError, formatCount } from '../errors.ts';
import type { Limits } from '../limits.ts';
import { formatPointer } from '../json-pointer.ts';

interface Frame {
  keys: string[] | null;
  items: unknown[] | Record<string, unknown>;
  i: number;
}

export function checkTreeLimits(value: unknown, limits: Limits, layer: string, checkStrings = true): void {
  const stack: Frame[] = [];
  const pathOf = (extra?: string | number): string => {
    const segs: (string | number)[] = [];
    for (const f of stack) {
      const at = f.i - 1;
      segs.push(f.keys ? (f.keys[at] as string) : at);
    }
    if (extra !== undefined) segs.push(extra);
    return formatPointer(segs);
  };
  const fail = (message: string, path: string): never => {
    throw new FormatError({ code: 'limit', layer, path, message: `${message} at ${path || '(root)'}.` });
  };
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      if (checkStrings && v.length > limits.maxStringLength)
        fail(`A string longer than the limit of ${formatCount(limits.maxStringLength)} characters`, pathOf());
      return;
    }
    if (v === null || typeof v !== 'object' || v instanceof Uint8Array) return;
    if (stack.length >= limits.maxDepth) fail(`Nesting deeper than the limit of ${formatCount(limits.maxDepth)}`, pathOf());
    if (Array.isArray(v)) {
      if (v.length > limits.maxKeys) fail(`An array with more than ${formatCount(limits.maxKeys)} items`, pathOf());
      stack.push({ keys: null, items: v, i: 0 });
    } else {
      const keys = Object.keys(v);
      if (keys.length > limits.maxKeys) fail(`An object with more than ${formatCount(limits.maxKeys)} keys`, pathOf());
      stack.push({ keys, items: v as Record<string, unknown>, i: 0 });
    }
  };
  visit(value);
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as Frame;
    const count = top.keys ? top.keys.length : (top.items as unknown[]).length;
    if (top.i >= count) {
      stack.pop();
      continue;
    }
    const key = top.keys ? (top.keys[top.i] as string) : top.i;
    top.i++;
    visit((top.items as Record<string | number, unknown>)[key]);
  }
}
