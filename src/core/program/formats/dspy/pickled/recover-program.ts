/**
 * A DSPy program recovered from a whole-program pickle (`save_program=True`'s program.pkl, or the
 * program inside an MLflow DSPy model), read inertly: the state `program.save("x.json")` would have
 * written for it, the code the pickle carries by value, and the secrets it holds.
 *
 * Names follow `BaseModule.named_parameters()`: a Parameter (Predict, Retrieve, Flex) under its
 * attribute name, sub-modules joined with ".", list items `name[i]`, dict items `name['key']`;
 * a sub-module with `_compiled` set is skipped, and a parameter met twice is named once.
 */
import { FormatError } from '../../../../engine/errors';
import { readPickle } from '../../../../engine/pickle/reader';
import { pickleToValue, type JsonValue } from '../../../../engine/pickle/to-value';
import { PyDict, PyObject, PyTuple, type PyValue } from '../../../../engine/pickle/values';
import type { Limits } from '../../../../engine/limits';
import { findSecrets } from '../../../model/secrets';
import { parseVersion } from '../eras';
import { lmState } from './lm-object';
import { attr, inherits, instanceDict, isDynamicFunction, PickledClasses, type ClassRef } from './py-classes';
import { recoverSignature, type RecoveredField } from './signature-class';

const PARAMETER_CLASSES = new Set([
  'dspy.predict.parameter.Parameter',
  'dspy.predict.predict.Predict',
  'dspy.retrieve.retrieve.Retrieve',
  'dspy.retrievers.retrieve.Retrieve',
  'dspy.predict.flex.flex.Flex',
  'dspy.predict.flex.Flex',
  'dspy.predict.langchain.LangChainPredict',
]);
const MODULE_CLASSES = new Set(['dspy.primitives.module.Module', 'dspy.primitives.program.Module', 'dspy.primitives.base_module.BaseModule', 'dspy.Module']);
const PREDICT_CLASSES = new Set(['dspy.predict.predict.Predict']);
const RETRIEVE_CLASSES = new Set(['dspy.retrieve.retrieve.Retrieve', 'dspy.retrievers.retrieve.Retrieve']);
const FLEX_CLASSES = new Set(['dspy.predict.flex.flex.Flex', 'dspy.predict.flex.Flex']);

export interface CodeFinding {
  kind: 'class' | 'function';
  /** "__main__.RAG", "__main__.RAG.forward". */
  qualified: string;
  /** Source file and first line from the pickled code object, where present. */
  file?: string;
  line?: number;
}

export interface RecoveredParameter {
  name: string;
  className: string;
  kind: 'predict' | 'retrieve' | 'flex';
  fields?: RecoveredField[];
  signatureClass?: string;
}

export interface RecoveredProgram {
  /** `program.dump_state()` plus `metadata` when the folder says which versions saved it. */
  state: Record<string, JsonValue>;
  rootClass: string;
  rootByValue: boolean;
  parameters: RecoveredParameter[];
  code: CodeFinding[];
  /** Secrets the pickle holds (e.g. an LM's api_key), as pointers into the pickle's value tree. */
  pickleSecrets: string[];
  /** What could not be recovered: a state saved from this is incomplete. */
  problems: string[];
  /** Where in the pickle the program sat (`/state/model` inside an MLflow wrapper). */
  programPath: string;
}

function isModuleObject(obj: PyObject, classes: PickledClasses): boolean {
  const ref = classes.classOf(obj);
  if (inherits(ref, MODULE_CLASSES) || inherits(ref, PARAMETER_CLASSES)) return true;
  const d = instanceDict(obj);
  return d !== undefined && d.has('_compiled');
}

function isParameterObject(obj: PyObject, classes: PickledClasses): boolean {
  const ref = classes.classOf(obj);
  if (inherits(ref, PARAMETER_CLASSES)) return true;
  const d = instanceDict(obj);
  return d !== undefined && d.has('signature') && d.has('demos');
}

/** `named_parameters()` of a module record. */
export function namedParameters(root: PyObject, classes: PickledClasses): Array<[string, PyObject]> {
  const out: Array<[string, PyObject]> = [];
  const visited = new Set<PyObject>();
  const walk = (mod: PyObject, prefix: string, depth: number): void => {
    if (depth > 64) throw new FormatError({ code: 'limit', layer: 'dspy', message: 'Modules nest deeper than 64 levels in this pickle.' });
    const add = (name: string, v: PyValue): void => {
      if (!(v instanceof PyObject)) return;
      if (isParameterObject(v, classes)) {
        if (!visited.has(v)) {
          visited.add(v);
          out.push([prefix + name, v]);
        }
      } else if (isModuleObject(v, classes)) {
        if (attr(instanceDict(v), '_compiled') !== true) walk(v, `${prefix}${name}.`, depth + 1);
      }
    };
    if (isParameterObject(mod, classes)) add('self', mod);
    const dict = instanceDict(mod);
    for (const [key, value] of dict?.entries ?? []) {
      if (typeof key !== 'string') continue;
      if (value instanceof PyObject && (isParameterObject(value, classes) || isModuleObject(value, classes))) add(key, value);
      else if (Array.isArray(value) || value instanceof PyTuple) {
        (Array.isArray(value) ? value : value.items).forEach((item, i) => add(`${key}[${i}]`, item));
      } else if (value instanceof PyDict) {
        for (const [k, item] of value.entries) add(`${key}['${pyStr(k)}']`, item);
      }
    }
  };
  walk(root, '', 0);
  return out;
}

/** str(key) for the keys a dict of modules has in practice. */
function pyStr(k: PyValue): string {
  if (typeof k === 'string') return k;
  if (typeof k === 'number' || typeof k === 'bigint') return String(k);
  if (typeof k === 'boolean') return k ? 'True' : 'False';
  if (k === null) return 'None';
  return '?';
}

const json = (v: PyValue | undefined): JsonValue => (v === undefined ? null : pickleToValue(v));

function predictState(
  name: string,
  obj: PyObject,
  classes: PickledClasses,
  version: string | undefined,
  problems: string[],
): { state: JsonValue; param: RecoveredParameter } {
  const d = instanceDict(obj);
  const className = classes.classOf(obj)?.qualified ?? 'dspy.predict.predict.Predict';
  const sig = recoverSignature(d?.get('signature'), classes);
  const param: RecoveredParameter = { name, className, kind: 'predict', signatureClass: sig.className };
  let signature: JsonValue = null;
  if (sig.ok) {
    signature = { instructions: sig.instructions, fields: sig.fields.map((f) => ({ prefix: f.prefix, description: f.description })) };
    param.fields = sig.fields;
  } else {
    problems.push(`${name}: ${sig.reason}.`);
  }
  const demosRaw = json(d?.get('demos'));
  const demos = Array.isArray(demosRaw) ? demosRaw : [];
  const lmValue = lmState(d?.get('lm'), classes, version);
  if (lmValue === undefined) problems.push(`${name}: its lm is not an LM object this app can read.`);
  const lm = lmValue ?? null;
  const traces = json(d?.get('traces') ?? []);
  const train = json(d?.get('train') ?? []);
  const v = version !== undefined ? parseVersion(version) : undefined;
  // Before 2.6.9 Predict wrote `lm` first and never an LM's state (era E).
  if (v && (v[0] - 2 || v[1] - 6 || v[2] - 9) < 0) return { state: { lm: null, traces, train, demos, signature }, param };
  return { state: { traces, train, demos, signature, lm }, param };
}

/** The code a pickle carries by value: classes with methods, and functions, with their source file and line. */
function codeFindings(classes: PickledClasses, root: PyValue, limit = 200): CodeFinding[] {
  const out: CodeFinding[] = [];
  const seen = new Set<PyObject>();
  const fn = (f: PyObject, owner?: string): void => {
    if (seen.has(f) || out.length >= limit) return;
    seen.add(f);
    const state = classes.stateOf(f);
    const qual = attr(state, '__qualname__') ?? attr(state, '__name__');
    const mod = attr(state, '__module__');
    const code = f.args[0];
    const where = code instanceof PyObject ? codeLocation(code.args) : {};
    const name = typeof qual === 'string' ? qual : '?';
    out.push({ kind: 'function', qualified: `${typeof mod === 'string' ? mod : (owner ?? '?')}.${name}`, ...where });
  };
  const visit = (v: PyValue, depth: number): void => {
    if (depth > 200 || out.length >= limit) return;
    if (v instanceof PyObject) {
      if (seen.has(v)) return;
      if (isDynamicFunction(v)) {
        fn(v);
        return;
      }
      seen.add(v);
      const ref = classes.classRef(v);
      if (ref?.byValue && ref.dict) {
        const methods = ref.dict.entries.filter(([, x]) => isDynamicFunction(x));
        if (methods.length > 0) {
          const first = methods[0]?.[1];
          const where = first instanceof PyObject && first.args[0] instanceof PyObject ? codeLocation(first.args[0].args) : {};
          out.push({ kind: 'class', qualified: ref.qualified, ...(where.file !== undefined ? { file: where.file } : {}) });
        }
        for (const [, x] of ref.dict.entries) visit(x, depth + 1);
      }
      visit(v.callable, depth + 1);
      for (const a of v.args) visit(a, depth + 1);
      if (v.state !== undefined) visit(v.state, depth + 1);
      for (const x of v.listItems ?? []) visit(x, depth + 1);
      for (const [, x] of v.dictItems ?? []) visit(x, depth + 1);
    } else if (Array.isArray(v)) v.forEach((x) => visit(x, depth + 1));
    else if (v instanceof PyTuple) v.items.forEach((x) => visit(x, depth + 1));
    else if (v instanceof PyDict) {
      for (const [k, x] of v.entries) {
        visit(k, depth + 1);
        visit(x, depth + 1);
      }
    }
  };
  visit(root, 0);
  return out;
}

/**
 * `types.CodeType(...)` arguments differ by Python version; the file name is the string just
 * before the function's name, and the first line number is the first integer after its names.
 */
export function codeLocation(args: PyValue[]): { file?: string; line?: number } {
  const i = args.findIndex((a, k) => typeof a === 'string' && k > 5 && (/\.py$|^</.test(a) || a.includes('/')));
  if (i < 0) return {};
  const file = args[i] as string;
  const line = args.slice(i + 1).find((a) => typeof a === 'number');
  return { file, ...(typeof line === 'number' ? { line } : {}) };
}

/** Where the program sits: the root, or a wrapper's `model`/`program` attribute (MLflow's DspyModelWrapper). */
function findProgram(root: PyValue, classes: PickledClasses): { program: PyObject; path: string } | undefined {
  if (root instanceof PyObject && isModuleObject(root, classes)) return { program: root, path: '' };
  if (root instanceof PyObject) {
    const d = instanceDict(root);
    for (const key of ['model', 'program', 'module']) {
      const v = d?.get(key);
      if (v instanceof PyObject && isModuleObject(v, classes)) return { program: v, path: `/state/${key}` };
    }
  }
  return undefined;
}

export interface RecoverOptions {
  /** metadata.json of the folder (`{dependency_versions}`), written into the state as DSPy does. */
  metadata?: Record<string, unknown>;
  /** The DSPy version that saved it, when known from elsewhere (MLmodel). */
  dspyVersion?: string;
  limits?: Limits;
}

/** The program inside a whole-program pickle, or undefined when the pickle holds no DSPy module. */
export function recoverPickledProgram(bytes: Uint8Array, options: RecoverOptions = {}): RecoveredProgram | undefined {
  const { value, trace } = readPickle(bytes, options.limits ? { limits: options.limits } : {});
  const classes = new PickledClasses(trace);
  const found = findProgram(value, classes);
  if (!found) return undefined;
  const meta = options.metadata;
  const deps =
    meta && typeof meta.dependency_versions === 'object' && meta.dependency_versions !== null
      ? (meta.dependency_versions as Record<string, unknown>)
      : undefined;
  const version = typeof deps?.dspy === 'string' ? deps.dspy : options.dspyVersion;
  const problems: string[] = [];
  const parameters: RecoveredParameter[] = [];
  const state: Record<string, JsonValue> = {};
  const set = (k: string, v: JsonValue) => Object.defineProperty(state, k, { value: v, enumerable: true, writable: true, configurable: true });
  for (const [name, obj] of namedParameters(found.program, classes)) {
    const ref: ClassRef | undefined = classes.classOf(obj);
    const d = instanceDict(obj);
    if (inherits(ref, RETRIEVE_CLASSES) || (!inherits(ref, PREDICT_CLASSES) && d?.has('k') && !d.has('demos'))) {
      set(name, { k: json(d?.get('k')) });
      parameters.push({ name, className: ref?.qualified ?? 'dspy.Retrieve', kind: 'retrieve' });
    } else if (inherits(ref, FLEX_CLASSES)) {
      const lm = lmState(d?.get('lm'), classes, version);
      set(name, { module_src: json(d?.get('_module_src')), lm: lm ?? null });
      parameters.push({ name, className: ref?.qualified ?? 'dspy.Flex', kind: 'flex' });
    } else {
      const made = predictState(name, obj, classes, version, problems);
      set(name, made.state);
      parameters.push(made.param);
    }
  }
  if (meta) set('metadata', meta as JsonValue);
  const rootRef = classes.classOf(found.program);
  const pickleValue = pickleToValue(value);
  const pickleSecrets = findSecrets(pickleValue).map((s) => s.pointer);
  return {
    state,
    rootClass: rootRef?.qualified ?? '?',
    rootByValue: rootRef?.byValue ?? false,
    parameters,
    code: codeFindings(classes, value),
    pickleSecrets,
    problems,
    programPath: found.path,
  };
}
