/**
 * Values decoded from Ruby YAML may carry symbol keys (":version"). Readers look keys up by their
 * plain name and remember the writer's form, so edits write back the same spelling.
 */

export type PlainObject = Record<string, unknown>;

export function isObject(v: unknown): v is PlainObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array);
}

export function hasOwn(o: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

/** "`:version`" -> "version"; plain keys unchanged. */
export function normaliseKey(key: string): string {
  return key.length > 1 && key.startsWith(':') ? key.slice(1) : key;
}

/** The key as saved for the plain name `name` (plain first, then the Ruby symbol form). */
export function keyOf(o: PlainObject, name: string): string | undefined {
  if (hasOwn(o, name)) return name;
  const sym = ':' + name;
  if (hasOwn(o, sym)) return sym;
  return undefined;
}

export function prop(o: unknown, name: string): unknown {
  if (!isObject(o)) return undefined;
  const k = keyOf(o, name);
  return k === undefined ? undefined : o[k];
}

/** True when most keys of `o` are Ruby symbols: new keys added to it follow that form. */
export function usesSymbolKeys(o: unknown): boolean {
  if (!isObject(o)) return false;
  let sym = 0;
  let all = 0;
  for (const k of Object.keys(o)) {
    all++;
    if (k.length > 1 && k.startsWith(':')) sym++;
  }
  return all > 0 && sym * 2 > all;
}

/** A plain-named key written in the writer's form. */
export function keyForWrite(name: string, symbol: boolean): string {
  return symbol ? ':' + name : name;
}

export function strOrUndef(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
