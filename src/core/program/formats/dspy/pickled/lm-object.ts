/**
 * A pickled `dspy.LM` object back into the `lm` dict `Predict.dump_state()` writes, as the DSPy
 * version that saved it wrote it (notes §1.6, dspy/clients/lm.py and base_lm.py per tag):
 * 2.6.9–3.0.2 `{model, model_type, cache, cache_in_memory, num_retries, finetuning_model,
 * launch_kwargs, train_kwargs} | kwargs` (api_key included), 3.0.3 drops cache_in_memory, 3.0.4
 * filters api_key, 3.3 leads with `_dspy_lm_class` and writes kwargs before the fine-tuning keys.
 */
import { pickleToValue, type JsonValue } from '../../../../engine/pickle/to-value';
import { PyObject, type PyValue } from '../../../../engine/pickle/values';
import { parseVersion } from '../eras';
import { instanceDict, type PickledClasses } from './py-classes';

const at = (v: [number, number, number] | undefined, min: [number, number, number]): boolean =>
  v === undefined || (v[0] - min[0] || v[1] - min[1] || v[2] - min[2]) >= 0;

const REASONING_MODEL = /^(?:o[1345](?:-(?:mini|nano|pro))?(?:-\d{4}-\d{2}-\d{2})?|gpt-5(?!-chat)(?:-.*)?)$/;

function isReasoningModel(model: unknown): boolean {
  if (typeof model !== 'string') return false;
  const family = (model.includes('/') ? (model.split('/').pop() ?? '') : model).toLowerCase();
  return REASONING_MODEL.test(family);
}

/** `null` for no LM; undefined when the value is not an LM record this can read. */
export function lmState(lm: PyValue | undefined, classes: PickledClasses, dspyVersion: string | undefined): JsonValue | undefined {
  if (lm === null || lm === undefined) return null;
  if (!(lm instanceof PyObject)) return undefined;
  const dict = instanceDict(lm);
  if (!dict) return undefined;
  const get = (k: string): JsonValue | undefined => {
    const v = dict.get(k);
    return v === undefined ? undefined : pickleToValue(v);
  };
  const kwargsRaw = get('kwargs');
  const kwargs = kwargsRaw !== null && typeof kwargsRaw === 'object' && !Array.isArray(kwargsRaw) ? kwargsRaw : {};
  const v = dspyVersion !== undefined ? parseVersion(dspyVersion) : undefined;
  const out: { [k: string]: JsonValue } = {};
  const put = (k: string, x: JsonValue | undefined) => {
    if (x !== undefined) Object.defineProperty(out, k, { value: x, enumerable: true, writable: true, configurable: true });
  };
  if (at(v, [3, 3, 0])) {
    put('_dspy_lm_class', classes.classOf(lm)?.qualified ?? 'dspy.clients.lm.LM');
    for (const k of ['model', 'model_type', 'cache']) put(k, get(k) ?? null);
    put('num_retries', get('num_retries') ?? 3);
    for (const [k, x] of Object.entries(kwargs)) if (k !== 'api_key' && k !== '_dspy_lm_class') put(k, x);
    for (const k of ['finetuning_model', 'launch_kwargs', 'train_kwargs']) put(k, get(k) ?? null);
    if (get('use_developer_role') === true) put('use_developer_role', true);
    if (isReasoningModel(out.model) && 'max_completion_tokens' in out) {
      const tokens = out.max_completion_tokens as JsonValue;
      delete out.max_completion_tokens;
      put('max_tokens', tokens);
    }
    return out;
  }
  const keys = [
    'model',
    'model_type',
    'cache',
    ...(at(v, [3, 0, 3]) ? [] : ['cache_in_memory']),
    'num_retries',
    'finetuning_model',
    'launch_kwargs',
    'train_kwargs',
  ];
  for (const k of keys) put(k, get(k) ?? null);
  for (const [k, x] of Object.entries(kwargs)) if (!(k === 'api_key' && at(v, [3, 0, 4]) && dspyVersion !== undefined)) put(k, x);
  return out;
}
