/**
 * What DSPy's own loader would do with a state JSON, per version (notes §1.1, §1.3, §3): the
 * KeyError, NotImplementedError or ValueError it raises, with the JSON path of the culprit. It
 * mirrors `Module.load` (metadata check), `Predict.load_state` and `Signature.load_state`; it
 * cannot see the user's code, so a predictor renamed in code is out of its reach.
 */
import { parseVersion } from '../eras';
import { classifyParam } from '../predictor';
import { isObject } from '../../../model/keys';
import { joinPointer } from '../../../../engine/json-pointer';

export type LoadErrorKind = 'KeyError' | 'NotImplementedError' | 'ValueError' | 'TypeError' | 'warning';

export interface LoadProblem {
  kind: LoadErrorKind;
  /** As DSPy words it: "KeyError: 'metadata'". */
  message: string;
  /** RFC 6901 pointer of the missing or offending value. */
  path: string;
}

export const EXTENDED_SIGNATURE_MESSAGE = 'Loading extended_signature is no longer supported in DSPy 2.6+';
export const LEGACY_LOADING_MESSAGE = 'The saved state is from a version of DSPy prior to v2.5.3. Please use `use_legacy_loading=True` to load the state.';
const UNSAFE_LM_KEYS = ['api_base', 'base_url', 'model_list'];

function atLeast(v: [number, number, number], min: [number, number, number]): boolean {
  return (v[0] - min[0] || v[1] - min[1] || v[2] - min[2]) >= 0;
}

/** Problems DSPy `version` ("3.3.1", "2.5.43") meets loading `value`; errors first, then warnings. */
export function checkDspyLoad(value: unknown, version: string): LoadProblem[] {
  const v = parseVersion(version);
  if (!v) throw new Error(`Not a DSPy version: ${version}`);
  const problems: LoadProblem[] = [];
  if (!isObject(value)) return [{ kind: 'TypeError', message: 'TypeError: the state is not a JSON object', path: '' }];
  if (atLeast(v, [2, 5, 43])) {
    const meta = value.metadata;
    if (!('metadata' in value)) problems.push({ kind: 'KeyError', message: "KeyError: 'metadata'", path: '/metadata' });
    else if (!isObject(meta) || !('dependency_versions' in meta))
      problems.push({ kind: 'KeyError', message: "KeyError: 'dependency_versions'", path: '/metadata/dependency_versions' });
  }
  const warnings: LoadProblem[] = [];
  for (const key of Object.keys(value)) {
    if (key === 'metadata') continue;
    const state = value[key];
    if (classifyParam(state) !== 'predict' || !isObject(state)) continue;
    const base = joinPointer('', key);
    const sig = state.signature;
    if (atLeast(v, [2, 5, 6])) {
      if (!isObject(sig)) {
        if (atLeast(v, [2, 5, 43])) problems.push({ kind: 'KeyError', message: "KeyError: 'signature'", path: joinPointer(base, 'signature') });
        else problems.push({ kind: 'ValueError', message: `ValueError: ${LEGACY_LOADING_MESSAGE}`, path: base });
      } else {
        for (const k of ['instructions', 'fields']) {
          if (!(k in sig)) problems.push({ kind: 'KeyError', message: `KeyError: '${k}'`, path: joinPointer(base, 'signature', k) });
        }
      }
    }
    if (atLeast(v, [2, 6, 0]) && 'extended_signature' in state) {
      problems.push({
        kind: 'NotImplementedError',
        message: `NotImplementedError: ${EXTENDED_SIGNATURE_MESSAGE}`,
        path: joinPointer(base, 'extended_signature'),
      });
    }
    if (atLeast(v, [2, 6, 9]) && !('lm' in state)) problems.push({ kind: 'KeyError', message: "KeyError: 'lm'", path: joinPointer(base, 'lm') });
    const lm = state.lm;
    if (atLeast(v, [3, 2, 0]) && isObject(lm)) {
      for (const k of UNSAFE_LM_KEYS) {
        if (k in lm)
          warnings.push({ kind: 'warning', message: `lm.${k} is dropped on load unless allow_unsafe_lm_state=True`, path: joinPointer(base, 'lm', k) });
      }
    }
  }
  return [...problems, ...warnings];
}

export function loadErrors(value: unknown, version: string): LoadProblem[] {
  return checkDspyLoad(value, version).filter((p) => p.kind !== 'warning');
}
