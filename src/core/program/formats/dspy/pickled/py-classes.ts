/**
 * Who an inert pickle record is, without importing anything: the class a record was made from
 * (named by reference, or a cloudpickle skeleton carried by value), its bases, and the class
 * dictionary cloudpickle restores with `_class_setstate` (a call whose result the pickle pops, so
 * it is found in the reader's trace, not in the value tree).
 */
import type { PickleTrace } from '../../../../engine/pickle/reader';
import { PyDict, PyGlobal, PyObject, PyTuple, type PyValue } from '../../../../engine/pickle/values';

export interface ClassRef {
  /** "dspy.predict.predict.Predict", "__main__.RAG". */
  qualified: string;
  module: string;
  name: string;
  byValue: boolean;
  /** The class dictionary, for a class carried by value. */
  dict?: PyDict;
  bases: ClassRef[];
}

const isCloudpickle = (g: PyValue, name: string): boolean => g instanceof PyGlobal && g.name === name && g.module.startsWith('cloudpickle');

export function isSkeletonClass(v: PyValue): v is PyObject {
  return v instanceof PyObject && isCloudpickle(v.callable, '_make_skeleton_class');
}

export function isDynamicFunction(v: PyValue): boolean {
  return v instanceof PyObject && isCloudpickle(v.callable, '_make_function');
}

/** Maps each skeleton class or function to the state its `_class_setstate` / `_function_setstate` call gives it. */
export class PickledClasses {
  private readonly states = new Map<PyObject, PyDict>();
  private readonly refs = new Map<PyValue, ClassRef>();

  constructor(trace: PickleTrace) {
    for (const call of trace.calls) {
      if (call.opcode !== 'REDUCE') continue;
      if (!isCloudpickle(call.callable, '_class_setstate') && !isCloudpickle(call.callable, '_function_setstate')) continue;
      const [target, state] = call.args;
      if (!(target instanceof PyObject)) continue;
      // (state, slotstate): a class's dict is the first; a function's names are in the second.
      const [first, slots] = state instanceof PyTuple ? state.items : [state, undefined];
      const dict = slots instanceof PyDict && slots.has('__qualname__') ? slots : first;
      if (dict instanceof PyDict) this.states.set(target, dict);
    }
  }

  stateOf(obj: PyObject): PyDict | undefined {
    return this.states.get(obj);
  }

  /** The class a value names: a global, or a skeleton built by value. */
  classRef(v: PyValue, depth = 0): ClassRef | undefined {
    const known = this.refs.get(v);
    if (known) return known;
    let ref: ClassRef | undefined;
    if (v instanceof PyGlobal) {
      ref = { qualified: v.qualified, module: v.module, name: v.name, byValue: false, bases: [] };
    } else if (isSkeletonClass(v) && depth < 64) {
      const name = typeof v.args[1] === 'string' ? v.args[1] : '?';
      const dict = this.states.get(v);
      const mod = dict?.get('__module__');
      const module = typeof mod === 'string' ? mod : '?';
      const rawBases = v.args[2];
      const items = rawBases instanceof PyTuple ? rawBases.items : Array.isArray(rawBases) ? rawBases : [];
      const bases = items.map((b) => this.classRef(b, depth + 1)).filter((b): b is ClassRef => b !== undefined);
      ref = { qualified: `${module}.${name}`, module, name, byValue: true, bases, ...(dict ? { dict } : {}) };
    }
    if (ref) this.refs.set(v, ref);
    return ref;
  }

  /** The class an object record was made from (NEWOBJ's class, or a reduce's callable). */
  classOf(obj: PyObject): ClassRef | undefined {
    const c = obj.callable;
    if (c instanceof PyGlobal && c.module === 'copyreg' && (c.name === '__newobj__' || c.name === '_reconstructor')) return this.classRef(obj.args[0] ?? null);
    return this.classRef(c);
  }
}

/** True when `ref` or any of its bases (by value chains end in globals) is one of `names`. */
export function inherits(ref: ClassRef | undefined, names: ReadonlySet<string>, depth = 0): boolean {
  if (!ref || depth > 64) return false;
  if (names.has(ref.qualified)) return true;
  return ref.bases.some((b) => inherits(b, names, depth + 1));
}

/** The instance dictionary BUILD gave an object: a dict, or the dict half of (dict, slots). */
export function instanceDict(obj: PyObject): PyDict | undefined {
  const s = obj.state;
  if (s instanceof PyDict) return s;
  if (s instanceof PyTuple) {
    const [d, slots] = s.items;
    if (d instanceof PyDict) return d;
    if (slots instanceof PyDict) return slots;
  }
  return undefined;
}

/** A string-keyed attribute of a dict record. */
export function attr(d: PyDict | undefined, key: string): PyValue | undefined {
  return d?.get(key);
}
