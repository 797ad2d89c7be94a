/**
 * Validation with @cfworker/json-schema (no eval, CSP-safe). Errors come back with the JSON
 * pointer of the failing value and one sentence each.
 */
import { Validator } from '@cfworker/json-schema';
import type { Program } from '../model/program';
import type { DspyEra } from '../formats/dspy/eras';
import { isObject, normaliseKey } from '../model/keys';
import { dspyStateSchema } from './dspy-state-schema';
import { envelopeModuleFileSchema, envelopeSchema } from './envelope-schema';

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
    for (const k of Object.keys(v)) Object.defineProperty(out, normaliseKey(k), { value: withPlainKeys(v[k], depth + 1), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v;
}

/** The schema that fits what analyzeProgram recognised, if there is one. */
export function schemaForProgram(program: Program): Schema | undefined {
  if (program.adapterId === 'dspy-state') return dspyStateSchema((program.era as DspyEra | undefined) ?? 'F');
  if (program.adapterId === 'envelope') return envelopeSchema;
  if (program.adapterId === 'envelope-module') return envelopeModuleFileSchema;
  return undefined;
}
