/**
 * Signatures for predictors saved without one (era A) or with only the instructions and the last
 * field's prefix (era B). DSPy stores no field names, so names come from the file's own field
 * metadata (2.4.14+ `save_field_meta`), else bootstrapped demo keys, else raw demo keys, else the
 * default instructions; prefixes and descriptions follow DSPy's own defaults (`infer_prefix`).
 */
import { augmentedDemoKeys, DEMO_FLAG_KEYS, fieldsFromInstructions, inferRoles } from '../field-inference';
import { isObject, strOrUndef, type PlainObject } from '../../../model/keys';
import type { FieldInfo } from '../../../model/program';
import type { ChosenField } from '../../../model/migration';

export const REASONING_PREFIX = "Reasoning: Let's think step by step in order to";
const REASONING_NAMES = new Set(['rationale', 'reasoning']);

/** DSPy's `infer_prefix`: "next_tool_args" -> "Next Tool Args", "questionText" -> "Question Text". */
export function inferPrefix(name: string): string {
  const s1 = name.replace(/(.)([A-Z][a-z]+)/g, '$1_$2');
  const s2 = s1.replace(/([a-z0-9])([A-Z])/g, '$1_$2');
  const s3 = s2.replace(/([a-zA-Z])(\d)/g, '$1_$2').replace(/(\d)([a-zA-Z])/g, '$1_$2');
  return s3
    .split('_')
    .map((w) => (w !== '' && w === w.toUpperCase() ? w : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()))
    .join(' ');
}

export interface SignatureField {
  prefix: string;
  description: string;
}

export interface InferredSignature {
  instructions: string;
  fields: SignatureField[];
  names: string[];
  /** Where the names came from, for the notes. */
  source: 'field-meta' | 'bootstrapped-demos' | 'raw-demos' | 'instructions' | 'user' | 'none';
  instructionsInferred: boolean;
  /** The reasoning field is among them: the predictor was a ChainOfThought. */
  hasReasoning: boolean;
}

function firstDemoKeys(demos: unknown): string[] | undefined {
  if (!Array.isArray(demos)) return undefined;
  const d: unknown = demos[0];
  return isObject(d) ? Object.keys(d).filter((k) => !DEMO_FLAG_KEYS.has(k)) : undefined;
}

function fieldFor(name: string, legacyReasoning: boolean): SignatureField {
  if (REASONING_NAMES.has(name)) {
    return { prefix: REASONING_PREFIX, description: legacyReasoning ? '${produce the answer}. We ...' : '${reasoning}' };
  }
  return { prefix: `${inferPrefix(name)}:`, description: `\${${name}}` };
}

function defaultInstructions(names: string[]): string {
  const infos: FieldInfo[] = names.map((name) => ({ name, nameInferred: true, role: 'unknown' }));
  inferRoles(infos, undefined);
  const inputs = infos.filter((f) => f.role !== 'output').map((f) => `\`${f.name}\``);
  const outputs = infos.filter((f) => f.role === 'output' && !REASONING_NAMES.has(f.name)).map((f) => `\`${f.name}\``);
  if (outputs.length === 0) return '';
  return inputs.length > 0 ? `Given the fields ${inputs.join(', ')}, produce the fields ${outputs.join(', ')}.` : `Produce the fields ${outputs.join(', ')}.`;
}

/**
 * `legacyReasoning`: write the reasoning field the way 2.4/2.5 did (for a 2.5.x target).
 * `lastPrefix`: era B's `signature_prefix` (the prefix of the last field).
 */
export function inferSignature(
  state: PlainObject,
  instructions: string | undefined,
  lastPrefix: string | undefined,
  legacyReasoning: boolean,
): InferredSignature {
  let names: string[] = [];
  let fields: SignatureField[];
  let source: InferredSignature['source'] = 'none';
  const meta = Array.isArray(state.fields) ? state.fields : undefined;
  if (meta && meta.length > 0 && meta.every((f) => isObject(f) && typeof f.name === 'string')) {
    // 2.4.14–2.5.5 `save_field_meta=True`: names, roles, prefixes and descriptions as saved, inputs first.
    const recs = meta as PlainObject[];
    const ordered = [...recs.filter((f) => f.field_type !== 'output'), ...recs.filter((f) => f.field_type === 'output')];
    names = ordered.map((f) => f.name as string);
    fields = ordered.map((f) => {
      const base = fieldFor(f.name as string, legacyReasoning);
      return { prefix: strOrUndef(f.prefix) ?? base.prefix, description: strOrUndef(f.description) ?? base.description };
    });
    source = 'field-meta';
  } else {
    const boot = augmentedDemoKeys(state.demos);
    const raw = boot ? undefined : firstDemoKeys(state.demos);
    const given = fieldsFromInstructions(instructions);
    if (boot && boot.length > 0) {
      names = boot;
      source = 'bootstrapped-demos';
    } else if (given && given.inputs.length + given.outputs.length > 0) {
      names = [...given.inputs, ...given.outputs];
      source = 'instructions';
    } else if (raw && raw.length > 0) {
      names = raw;
      source = 'raw-demos';
    }
    fields = names.map((n) => fieldFor(n, legacyReasoning));
    const last = fields[fields.length - 1];
    if (last && lastPrefix !== undefined) last.prefix = lastPrefix;
  }
  const inferredInstructions = instructions === undefined;
  return {
    instructions: instructions ?? defaultInstructions(names),
    fields,
    names,
    source,
    instructionsInferred: inferredInstructions,
    hasReasoning: names.some((n) => REASONING_NAMES.has(n)),
  };
}

/**
 * The signature the user declared (a pasted signature's fields), for a predictor the file cannot name:
 * their prefixes and descriptions where given, else DSPy's defaults; the last field keeps the prefix
 * the file saved (`lastPrefix`), unless the user gave that field one of its own.
 */
export function signatureFromChoice(
  chosen: readonly ChosenField[],
  instructions: string | undefined,
  lastPrefix: string | undefined,
  legacyReasoning: boolean,
): InferredSignature {
  const ordered = [...chosen.filter((f) => f.role === 'input'), ...chosen.filter((f) => f.role === 'output')];
  const names = ordered.map((f) => f.name);
  const fields = ordered.map((f, i) => {
    const base = fieldFor(f.name, legacyReasoning);
    const savedPrefix = i === ordered.length - 1 ? lastPrefix : undefined;
    return { prefix: f.prefix ?? savedPrefix ?? base.prefix, description: f.description ?? base.description };
  });
  return {
    instructions: instructions ?? defaultInstructions(names),
    fields,
    names,
    source: 'user',
    instructionsInferred: instructions === undefined,
    hasReasoning: names.some((n) => REASONING_NAMES.has(n)),
  };
}

export function describeSource(s: InferredSignature): string {
  switch (s.source) {
    case 'user':
      return 'the signature you gave';
    case 'field-meta':
      return 'the field metadata saved in the file';
    case 'bootstrapped-demos':
      return 'the keys of a bootstrapped demo';
    case 'raw-demos':
      return 'the keys of the first (labelled) demo, which may hold extra dataset fields';
    case 'instructions':
      return 'the default instructions ("Given the fields …")';
    case 'none':
      return 'nothing: no demos or field metadata';
  }
}
