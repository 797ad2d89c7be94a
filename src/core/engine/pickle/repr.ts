/**
 * Python-like text for an inert value, bounded in length, so a safety report can show the
 * arguments of a call as data: os.system('rm -rf /').
 */
import { PyBuffer, PyByteArray, PyDict, PyGlobal, PyObject, PyPersistent, PySet, PyTuple, isKnown, type PyValue } from './values.ts';

function quote(s: string): string {
  const body = s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  let out = '';
  for (const c of body) {
    const code = c.charCodeAt(0);
    out += code < 0x20 || code === 0x7f ? '\\x' + code.toString(16).padStart(2, '0') : c;
  }
  return `'${out}'`;
}

function bytesRepr(b: Uint8Array, max: number): string {
  let s = "b'";
  for (const x of b.subarray(0, max)) {
    s += x >= 0x20 && x < 0x7f && x !== 0x27 && x !== 0x5c ? String.fromCharCode(x) : '\\x' + x.toString(16).padStart(2, '0');
  }
  return s + (b.length > max ? "'…" : "'");
}

/** Python itself refuses to turn an int of more digits into text (sys.int_info.default_max_str_digits). */
export const MAX_INT_DIGITS = 4300;
/** Digits of an int shown before the rest is summarised. */
const SHOWN_INT_DIGITS = 40;
const LOG10_2 = Math.log10(2);

/**
 * Text of big ints seen lately, by value: one shared 45,000-digit int called with at 9,000 call
 * sites is measured once, not 9,000 times. Bounded so a stream of distinct ints cannot grow it.
 */
const intCache = new Map<bigint, string>();
const INT_CACHE_SIZE = 256;

/** An int as Python shows it, capped: no more than 40 digits, and no decimal conversion at all past Python's own limit. */
export function intRepr(v: bigint): string {
  if (v >= -(10n ** 15n) && v <= 10n ** 15n) return v.toString();
  const hit = intCache.get(v);
  if (hit !== undefined) return hit;
  const negative = v < 0n;
  const bits = (negative ? -v : v).toString(16).length * 4;
  const approxDigits = Math.floor(bits * LOG10_2) + 1;
  let text: string;
  if (approxDigits > MAX_INT_DIGITS) {
    text = `<int of about ${approxDigits.toLocaleString('en-US')} digits>`;
  } else {
    const full = v.toString();
    const count = full.length - (negative ? 1 : 0);
    text = count > SHOWN_INT_DIGITS ? `${full.slice(0, SHOWN_INT_DIGITS + (negative ? 1 : 0))}…<${count.toLocaleString('en-US')} digits>` : full;
  }
  if (intCache.size >= INT_CACHE_SIZE) intCache.clear();
  intCache.set(v, text);
  return text;
}

export function pyRepr(value: PyValue, maxLength = 300): string {
  let budget = maxLength;
  const seen = new Set<object>();
  const go = (v: PyValue, depth: number): string => {
    if (budget <= 0) return '…';
    const out = inner(v, depth);
    budget -= out.length;
    return out;
  };
  const list = (items: PyValue[], depth: number, open: string, close: string): string => {
    const parts: string[] = [];
    for (const x of items) {
      if (budget <= 0) {
        parts.push('…');
        break;
      }
      parts.push(go(x, depth + 1));
    }
    return open + parts.join(', ') + (open === '(' && items.length === 1 ? ',' : '') + close;
  };
  const inner = (v: PyValue, depth: number): string => {
    if (v === null) return 'None';
    if (typeof v === 'boolean') return v ? 'True' : 'False';
    if (typeof v === 'number') return Number.isInteger(v) ? String(v) : Number.isNaN(v) ? 'nan' : String(v);
    if (typeof v === 'bigint') return intRepr(v);
    if (typeof v === 'string') return quote(v.length > maxLength ? v.slice(0, maxLength) + '…' : v);
    if (v instanceof Uint8Array) return bytesRepr(v, 64);
    if (v instanceof PyByteArray) return `bytearray(${bytesRepr(v.bytes, 64)})`;
    if (v instanceof PyGlobal) return v.qualified;
    if (v instanceof PyBuffer) return `<out-of-band buffer ${v.index}>`;
    if (v instanceof PyPersistent) return `persistent_load(${go(v.pid, depth + 1)})`;
    if (depth > 20 || seen.has(v)) return '…';
    seen.add(v);
    try {
      if (Array.isArray(v)) return list(v, depth, '[', ']');
      if (v instanceof PyTuple) return list(v.items, depth, '(', ')');
      if (v instanceof PySet)
        return v.items.length ? list(v.items, depth, v.frozen ? 'frozenset({' : '{', v.frozen ? '})' : '}') : v.frozen ? 'frozenset()' : 'set()';
      if (v instanceof PyDict) {
        const parts: string[] = [];
        for (const [k, x] of v.entries) {
          if (budget <= 0) {
            parts.push('…');
            break;
          }
          parts.push(`${go(k, depth + 1)}: ${go(x, depth + 1)}`);
        }
        return `{${parts.join(', ')}}`;
      }
      if (v instanceof PyObject) {
        const name = v.callable instanceof PyGlobal ? v.callable.qualified : `(${go(v.callable, depth + 1)})`;
        let args = v.args.map((a) => go(a, depth + 1));
        if (v.kwargs) args = args.concat(v.kwargs.entries.map(([k, x]) => `${typeof k === 'string' ? k : go(k, depth + 1)}=${go(x, depth + 1)}`));
        return `${name}(${args.join(', ')})`;
      }
      if (isKnown(v)) {
        switch (v.type) {
          case 'torch-tensor':
            return `tensor(shape=[${v.shape.join(', ')}])`;
          case 'torch-storage':
            return `${v.storageClass}(key=${quote(v.key)}, ${quote(v.location)})`;
          case 'complex':
            return `(${v.real}${v.imag < 0 ? '-' : '+'}${Math.abs(v.imag)}j)`;
          case 'decimal':
            return `Decimal(${quote(v.text)})`;
          default:
            return `<${v.type}>`;
        }
      }
      return '?';
    } finally {
      seen.delete(v);
    }
  };
  const text = go(value, 0);
  return text.length > maxLength + 20 ? text.slice(0, maxLength) + '…' : text;
}
