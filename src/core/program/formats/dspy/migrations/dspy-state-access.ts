/** Reading a DSPy state value the way migrations need it: predictors by top-level key, in saved order. */
import { classifyParam } from '../predictor';
import { isObject, type PlainObject } from '../../../model/keys';

export const LEGACY_KEYS = ['signature_instructions', 'signature_prefix', 'extended_signature_instructions', 'extended_signature_prefix'] as const;

export function rootOf(value: unknown): PlainObject {
  return isObject(value) ? value : {};
}

/** [key, state] of every saved Predict (anything with a `demos` array), in saved order. */
export function predictors(value: unknown): Array<[string, PlainObject]> {
  const root = rootOf(value);
  const out: Array<[string, PlainObject]> = [];
  for (const key of Object.keys(root)) {
    if (key === 'metadata') continue;
    const state = root[key];
    if (classifyParam(state) === 'predict' && isObject(state)) out.push([key, state]);
  }
  return out;
}

export function hasLegacyKeys(state: PlainObject): boolean {
  return LEGACY_KEYS.some((k) => k in state);
}

export function short(text: string, max = 160): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
