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
    if (typeof v === 'bigint') return v.toString();
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
      if (v instanceof PySet) return v.items.length ? list(v.items, depth, v.frozen ? 'frozenset({' : '{', v.frozen ? '})' : '}') : v.frozen ? 'frozenset()' : 'set()';
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
          case 'torch-tensor': return `tensor(shape=[${v.shape.join(', ')}])`;
          case 'torch-storage': return `${v.storageClass}(key=${quote(v.key)}, ${quote(v.location)})`;
          case 'complex': return `(${v.real}${v.imag < 0 ? '-' : '+'}${Math.abs(v.imag)}j)`;
          case 'decimal': return `Decimal(${quote(v.text)})`;
          default: return `<${v.type}>`;
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
