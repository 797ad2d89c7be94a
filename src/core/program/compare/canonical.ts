/**
 * Values as meaning, not as bytes: key order, string escapes, whitespace between tokens and number
 * spelling are gone once a file is decoded; what is left of serializer noise is key order (and
 * Ruby symbol keys), bigint vs number for the same integer, and pickle bytes vs strings. The
 * canonical text sorts keys and spells every number one way, so equal meaning gives equal text.
 */
import { isObject, normaliseKey } from '../model/keys';

function numberText(n: number | bigint): string {
  if (typeof n === 'bigint') return n.toString();
  if (Number.isNaN(n)) return 'NaN';
  return Object.is(n, -0) ? '0' : String(n);
}

function write(v: unknown, out: string[], depth: number): void {
  if (depth > 256) {
    out.push('…');
    return;
  }
  if (v === null || v === undefined) out.push('null');
  else if (typeof v === 'string') out.push(JSON.stringify(v));
  else if (typeof v === 'number' || typeof v === 'bigint') out.push(numberText(v));
  else if (typeof v === 'boolean') out.push(v ? 'true' : 'false');
  else if (v instanceof Uint8Array) out.push('b' + JSON.stringify(Array.from(v, (x) => x.toString(16).padStart(2, '0')).join('')));
  else if (Array.isArray(v)) {
    out.push('[');
    for (let i = 0; i < v.length; i++) {
      if (i > 0) out.push(',');
      write(v[i], out, depth + 1);
    }
    out.push(']');
  } else if (isObject(v)) {
    const keys = Object.keys(v)
      .map((k) => [normaliseKey(k), k] as const)
      .sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
    out.push('{');
    keys.forEach(([name, key], i) => {
      if (i > 0) out.push(',');
      out.push(JSON.stringify(name), ':');
      write(v[key], out, depth + 1);
    });
    out.push('}');
  } else out.push(JSON.stringify(String(v)));
}

/** One spelling per meaning: sorted keys, plain key names, one number form. */
export function canonicalText(v: unknown): string {
  const out: string[] = [];
  write(v, out, 0);
  return out.join('');
}

/** Equal in meaning: what canonicalText would say, without building the texts. */
export function sameMeaning(a: unknown, b: unknown, depth = 0): boolean {
  if (a === b) return true;
  if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint')) return numberText(a) === numberText(b);
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || depth > 256) return false;
  if (a instanceof Uint8Array || b instanceof Uint8Array) return canonicalText(a) === canonicalText(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameMeaning(a[i], b[i], depth + 1)) return false;
    return true;
  }
  const ea = plainEntries(a as Record<string, unknown>);
  const eb = plainEntries(b as Record<string, unknown>);
  if (ea.size !== eb.size) return false;
  for (const [k, v] of ea) {
    if (!eb.has(k) || !sameMeaning(v, eb.get(k), depth + 1)) return false;
  }
  return true;
}

function plainEntries(o: Record<string, unknown>): Map<string, unknown> {
  const m = new Map<string, unknown>();
  for (const k of Object.keys(o)) m.set(normaliseKey(k), o[k]);
  return m;
}

/**
 * A 53-bit hash of a text (cyrb53): demo matching keys maps on it rather than on the whole
 * canonical text, so 50,000 demos a side do not hold 100 MB of keys. Every hash hit is confirmed
 * with sameMeaning, so a collision can never pair two different demos.
 */
export function hashText(s: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

export function hashValue(v: unknown): number {
  return hashText(canonicalText(v));
}

/** Flattens nested objects to dotted keys, for the small tables (lm, params, metadata). */
export function flatten(v: unknown, prefix = '', out = new Map<string, unknown>(), depth = 0): Map<string, unknown> {
  if (isObject(v) && depth < 6 && Object.keys(v).length > 0) {
    for (const k of Object.keys(v)) flatten(v[k], prefix === '' ? normaliseKey(k) : `${prefix}.${normaliseKey(k)}`, out, depth + 1);
  } else out.set(prefix, v);
  return out;
}
