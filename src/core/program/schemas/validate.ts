/**
 * Validation with @cfworker/json-schema (no eval, CSP-safe). Errors come back with the JSON
 * pointer of the failing value and one sentence each.
 */
import { Validator } from '@cfworker/json-schema';
import { FormatError } from '../../engine/errors';
import { isObject, normaliseKey } from '../model/keys';

export interface SchemaError {
  pointer: string;
  message: string;
}

type Schema = Record<string, unknown>;

/** The innermost errors only: cfworker also reports every enclosing keyword, which is noise for people. */
export function validateValue(value: unknown, schema: Schema): SchemaError[] {
  const result = new Validator(schema as never, '2020-12', false).validate(value);
  if (result.valid) return [];
  const errs = result.errors.map((e) => ({ pointer: e.instanceLocation.replace(/^#/, ''), message: e.error, keyword: e.keyword }));
  const leaves = errs.filter((e) => !['properties', 'items', 'additionalProperties', 'anyOf', 'allOf', '$ref'].includes(e.keyword));
  const chosen = leaves.length > 0 ? leaves : errs;
  const seen = new Set<string>();
  const out: SchemaError[] = [];
  for (const e of chosen) {
    const key = e.pointer + '\u0000' + e.message;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ pointer: e.pointer, message: e.message });
  }
  return out;
}

/** A copy with Ruby symbol keys made plain, for validation only (never written back). */
export function withPlainKeys(v: unknown, depth = 0): unknown {
  if (depth > 256) return v;
  if (Array.isArray(v)) return v.map((x) => withPlainKeys(x, depth + 1));
  if (isObject(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v))
      Object.defineProperty(out, normaliseKey(k), { value: withPlainKeys(v[k], depth + 1), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v;
}

/** Throws when `state` does not fit `schema`: the first error, where it is, and what it had to fit ("a DSPy Retrieve"). */
export function requireFits(state: unknown, schema: Schema, where: string, layer = 'module-file'): void {
  const first = validateValue(withPlainKeys(state), schema)[0];
  if (first) {
    const message = `The imported module does not fit ${where}: ${first.message}${first.pointer ? ` at ${first.pointer}` : ''}.`;
    throw new FormatError({ code: 'invalid', layer, message, ...(first.pointer ? { path: first.pointer } : {}) });
  }
}
