/**
 * A DSPy signature class as the pickle carries it, read back into `Signature.dump_state()`:
 * `{instructions: inspect.cleandoc(cls.__doc__), fields: [{prefix, description}]}` with input
 * fields first, then output fields, each in declaration order (dspy/signatures/signature.py).
 * Field names and annotations are kept for people; DSPy's state does not store them.
 */
import { PyDict, PyGlobal, PyObject, PyTuple, type PyValue } from '../../../../engine/pickle/values';
import { attr, instanceDict, isSkeletonClass, type PickledClasses } from './py-classes';

export interface RecoveredField {
  name: string;
  role: 'input' | 'output' | 'unknown';
  prefix: string;
  description: string;
  annotation?: string;
}

export type SignatureRecovery =
  { ok: true; className: string; instructions: string; fields: RecoveredField[] } | { ok: false; className: string; reason: string };

/** Python's inspect.cleandoc: first line stripped, the rest dedented, blank ends dropped. */
export function cleandoc(doc: string): string {
  const lines = doc.replace(/\t/g, '        ').split('\n');
  let margin = Infinity;
  for (const line of lines.slice(1)) {
    const content = line.trimStart();
    if (content !== '') margin = Math.min(margin, line.length - content.length);
  }
  const out = [lines[0]?.trimStart() ?? '', ...lines.slice(1).map((l) => (margin === Infinity ? l : l.slice(margin)))];
  while (out.length > 0 && out[0]?.trim() === '') out.shift();
  while (out.length > 0 && out[out.length - 1]?.trim() === '') out.pop();
  return out.join('\n');
}

/** An annotation as Python would print it in a signature: `str`, `list[str]`, `Literal['a']`. */
export function annotationText(v: PyValue | undefined, classes: PickledClasses, depth = 0): string {
  if (v === undefined || depth > 16) return '?';
  if (v === null) return 'None';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v instanceof PyGlobal) {
    if (v.module === 'builtins' || v.module === 'typing' || v.module === '__builtin__') return v.name;
    return v.name;
  }
  if (v instanceof PyTuple) return v.items.map((x) => annotationText(x, classes, depth + 1)).join(', ');
  if (isSkeletonClass(v)) return classes.classRef(v)?.name ?? '?';
  if (v instanceof PyObject) {
    const c = v.callable;
    // list[str] is types.GenericAlias(list, str); List[str] is operator.getitem(typing.List, str).
    if (c instanceof PyGlobal && (c.qualified === 'types.GenericAlias' || c.qualified === '_operator.getitem' || c.qualified === 'operator.getitem')) {
      const [origin, params] = v.args;
      return `${annotationText(origin, classes, depth + 1)}[${annotationText(params, classes, depth + 1)}]`;
    }
    return classes.classOf(v)?.name ?? '?';
  }
  return '?';
}

function fieldExtra(info: PyValue | undefined): PyDict | undefined {
  if (!(info instanceof PyObject)) return undefined;
  const slots = instanceDict(info);
  const extra = slots?.get('json_schema_extra');
  return extra instanceof PyDict ? extra : undefined;
}

export function recoverSignature(sig: PyValue | undefined, classes: PickledClasses): SignatureRecovery {
  const ref = sig === undefined ? undefined : classes.classRef(sig);
  const className = ref?.qualified ?? 'an unreadable value';
  if (!ref) return { ok: false, className, reason: 'the signature is not a class record' };
  if (!ref.byValue || !ref.dict) {
    return { ok: false, className, reason: `the signature class ${ref.qualified} is pickled by reference: its fields live in that code, not in the file` };
  }
  const dict = ref.dict;
  const fieldsDict = attr(dict, '__pydantic_fields__') ?? attr(dict, 'model_fields');
  if (!(fieldsDict instanceof PyDict)) return { ok: false, className, reason: `the signature class ${ref.qualified} carries no field table` };
  const annotations = attr(dict, '__annotations__');
  const inputs: RecoveredField[] = [];
  const outputs: RecoveredField[] = [];
  for (const [key, info] of fieldsDict.entries) {
    if (typeof key !== 'string') continue;
    const extra = fieldExtra(info);
    const prefix = extra?.get('prefix');
    const desc = extra?.get('desc');
    const kind = extra?.get('__dspy_field_type');
    if (typeof prefix !== 'string' || typeof desc !== 'string') {
      return { ok: false, className, reason: `field ${key} of ${ref.qualified} has no DSPy prefix and description` };
    }
    const role = kind === 'input' ? 'input' : kind === 'output' ? 'output' : 'unknown';
    const slots = info instanceof PyObject ? instanceDict(info) : undefined;
    const ann = annotations instanceof PyDict ? annotations.get(key) : slots?.get('annotation');
    const field: RecoveredField = { name: key, role, prefix, description: desc, ...(ann !== undefined ? { annotation: annotationText(ann, classes) } : {}) };
    (role === 'output' ? outputs : inputs).push(field);
  }
  const doc = attr(dict, '__doc__');
  return { ok: true, className: ref.qualified, instructions: cleandoc(typeof doc === 'string' ? doc : ''), fields: [...inputs, ...outputs] };
}
