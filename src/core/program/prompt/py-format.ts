/**
 * Python's own spellings of JSON values, as DSPy's prompts contain them: `str(value)` for scalars
 * (True, None, 0.1, 1e-05) and `json.dumps(value, ensure_ascii=False)` for lists and dicts (", " and
 * ": " between items, or `indent=2`). JavaScript prints numbers and booleans differently, and a
 * prompt is only exact if every character is Python's.
 */

/** A number as Python wrote it in the file, when known: "1.0" is a float, "1" an int. */
export type NumberSpelling = (value: number, path: readonly (string | number)[]) => string | undefined;

/** `repr(float)`: shortest round-trip digits, exponent below 1e-4 and from 1e16 on, always a ".0" otherwise. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa = '', expText = '0'] = x.toExponential().split('e');
  const exp = Number(expText);
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = x < 0 ? '-' : '';
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return `${sign}${digits}${'0'.repeat(exp + 1 - digits.length)}.0`;
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

/** A JSON number as Python reads it: an integer literal is an int, anything with "." or "e" a float. */
export function pyNumber(x: number, lexeme?: string): string {
  if (lexeme !== undefined) {
    if (/^-?\d+$/.test(lexeme)) return lexeme.replace(/^(-?)0+(?=\d)/, '$1');
    return pyFloatRepr(Number(lexeme));
  }
  if (Number.isInteger(x) && Math.abs(x) < 1e16) return Object.is(x, -0) ? '0' : String(x);
  if (Number.isInteger(x)) return BigInt(x).toString();
  return pyFloatRepr(x);
}

function jsonNumber(x: number, lexeme?: string): string {
  // json.dumps writes nan/inf as NaN/Infinity; a float's repr otherwise.
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  return pyNumber(x, lexeme);
}

/** A JSON string literal as Python's json.dumps(ensure_ascii=False) writes it. */
export function pyJsonString(s: string): string {
  // JSON.stringify escapes the same set (quote, backslash, control characters), except that it
  // writes a lone surrogate as \udXXX where Python writes the character; both are rare enough.
  return JSON.stringify(s);
}

export interface DumpOptions {
  /** json.dumps(indent=...): items on their own lines with "," after each; else ", " and ": " on one line. */
  indent?: number;
  spelling?: NumberSpelling;
}

/** `json.dumps(value, ensure_ascii=False[, indent])` of a plain JSON value. */
export function pyJsonDumps(value: unknown, options: DumpOptions = {}): string {
  const { indent, spelling } = options;
  const path: (string | number)[] = [];
  const walk = (v: unknown, depth: number): string => {
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (typeof v === 'number') return jsonNumber(v, spelling?.(v, path));
    if (typeof v === 'bigint') return v.toString();
    if (typeof v === 'string') return pyJsonString(v);
    if (v instanceof Uint8Array) return pyJsonString(pyBytes(v));
    const pad = indent === undefined ? '' : '\n' + ' '.repeat(indent * (depth + 1));
    const close = indent === undefined ? '' : '\n' + ' '.repeat(indent * depth);
    const sep = indent === undefined ? ', ' : ',';
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      const items = v.map((item, i) => {
        path.push(i);
        const s = walk(item, depth + 1);
        path.pop();
        return pad + s;
      });
      return `[${items.join(sep)}${close}]`;
    }
    if (typeof v === 'object') {
      const keys = Object.keys(v);
      if (keys.length === 0) return '{}';
      const items = keys.map((k) => {
        path.push(k);
        const s = walk((v as Record<string, unknown>)[k], depth + 1);
        path.pop();
        return `${pad}${pyJsonString(k)}: ${s}`;
      });
      return `{${items.join(sep)}${close}}`;
    }
    return pyJsonString(String(v));
  };
  return walk(value, 0);
}

function pyBytes(b: Uint8Array): string {
  let s = "b'";
  for (const c of b) s += c >= 0x20 && c < 0x7f && c !== 0x27 && c !== 0x5c ? String.fromCharCode(c) : `\\x${c.toString(16).padStart(2, '0')}`;
  return s + "'";
}

/** `str(value)` of a JSON scalar: True/False/None and Python's number spellings; strings as they are. */
export function pyStr(value: unknown, lexeme?: string): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return pyNumber(value, lexeme);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return pyBytes(value);
  return String(value);
}
