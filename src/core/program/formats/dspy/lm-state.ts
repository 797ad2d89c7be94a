/**
 * What a saved `lm` dict means on load (DSPy `BaseLM.load_state`, `_sanitize_lm_state`): since
 * 3.2 the endpoint keys are dropped with only a logged warning (DSPy #10104), so a reloaded
 * program quietly talks to the provider's default endpoint; since 3.3 a non-builtin
 * `_dspy_lm_class` is refused unless the loader opts in.
 */
import { isObject } from '../../model/keys';

export const UNSAFE_LM_STATE_KEYS = ['api_base', 'base_url', 'model_list'] as const;
export const LM_CLASS_KEY = '_dspy_lm_class';
const BUILTIN_LM_CLASSES = new Set(['dspy.clients.lm.LM', 'dspy.LM']);

export function lmWarnings(lm: unknown): string[] {
  if (!isObject(lm)) return [];
  const out: string[] = [];
  const unsafe = UNSAFE_LM_STATE_KEYS.filter((k) => Object.prototype.hasOwnProperty.call(lm, k));
  if (unsafe.length > 0) {
    out.push(
      `lm sets ${unsafe.join(', ')}: DSPy 3.2 and later drop ${unsafe.length > 1 ? 'these keys' : 'this key'} on load with only a logged warning, so the reloaded program sends its prompts to the provider's default endpoint unless loaded with allow_unsafe_lm_state=True.`,
    );
  }
  const cls = lm[LM_CLASS_KEY];
  if (typeof cls === 'string' && !BUILTIN_LM_CLASSES.has(cls)) {
    out.push(`lm is a custom LM class (${cls}): DSPy 3.3 imports it on load only with allow_unsafe_lm_state=True.`);
  }
  return out;
}
