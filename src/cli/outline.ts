/** Top-level keys of a value with their types and sizes: enough to see what a file holds. */
export interface OutlineEntry {
  key: string;
  type: 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null' | 'bigint' | 'binary';
  /** Keys of an object, items of an array, characters of a string. */
  count?: number;
  /** Short scalar values, for a first look. */
  preview?: string;
}

function typeOf(v: unknown): OutlineEntry['type'] {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Uint8Array) return 'binary';
  const t = typeof v;
  return t === 'object' ? 'object' : t === 'string' || t === 'number' || t === 'boolean' || t === 'bigint' ? t : 'null';
}

function entry(key: string, v: unknown): OutlineEntry {
  const type = typeOf(v);
  const e: OutlineEntry = { key, type };
  if (type === 'object') e.count = Object.keys(v as object).length;
  else if (type === 'array' || type === 'binary') e.count = (v as { length: number }).length;
  else if (type === 'string') {
    const s = v as string;
    e.count = s.length;
    e.preview = JSON.stringify(s.length > 40 ? s.slice(0, 39) + '…' : s);
  } else e.preview = String(v);
  return e;
}

export function outline(value: unknown, max = 50): OutlineEntry[] {
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return [entry('(root)', value)];
  if (Array.isArray(value)) return [entry('(root)', value), ...value.slice(0, max).map((v, i) => entry(String(i), v))];
  return Object.keys(value)
    .slice(0, max)
    .map((k) => entry(k, (value as Record<string, unknown>)[k]));
}
