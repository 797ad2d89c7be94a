/** Classifies one saved DSPy parameter state by its keys. */
import { isObject, type PlainObject } from '../../model/keys';

export type DspyParamKind = 'predict' | 'retrieve' | 'flex' | 'empty';

/** Keys of `Predict.dump_state()`: a file holding exactly these (and `metadata`) is a predictor saved alone. */
const BARE_PREDICT_KEYS = new Set([
  'traces',
  'train',
  'demos',
  'signature',
  'lm',
  'metadata',
  'signature_instructions',
  'signature_prefix',
  'extended_signature',
]);

/**
 * A bare `dspy.Predict` saved alone: `predict.save("x.json")` writes `Predict.dump_state()` itself
 * (Predict overrides dump_state), so the top level is one predictor that DSPy names `self`.
 */
export function isBarePredict(v: unknown): boolean {
  if (!isObject(v) || !Array.isArray(v.demos)) return false;
  const keys = Object.keys(v);
  return keys.includes('traces') && keys.includes('train') && keys.every((k) => BARE_PREDICT_KEYS.has(k));
}

export function classifyParam(v: unknown): DspyParamKind | undefined {
  if (!isObject(v)) return undefined;
  if (Array.isArray(v.demos)) return 'predict';
  const keys = Object.keys(v);
  // A module with no parameters of its own (a custom retriever) can be saved as `{}`.
  if (keys.length === 0) return 'empty';
  if (keys.length === 1 && keys[0] === 'k' && (typeof v.k === 'number' || typeof v.k === 'bigint')) return 'retrieve';
  if ('module_src' in v && keys.every((k) => k === 'module_src' || k === 'lm')) return 'flex';
  return undefined;
}

export type PredictLayout = 'bare' | 'legacy-strings' | 'signature-lm-first' | 'signature-lm-last';

export function predictLayout(v: PlainObject): PredictLayout {
  if ('signature_instructions' in v || 'signature_prefix' in v || 'extended_signature_instructions' in v) return 'legacy-strings';
  if (!isObject(v.signature)) return 'bare';
  const keys = Object.keys(v);
  const lmAt = keys.indexOf('lm');
  if (lmAt === 0) return 'signature-lm-first';
  if (lmAt === keys.length - 1) return 'signature-lm-last';
  return lmAt < 0 ? 'signature-lm-last' : 'signature-lm-first';
}
