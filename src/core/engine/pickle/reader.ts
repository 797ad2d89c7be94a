/**
 * The inert unpickler: runs the opcode stack machine of protocols 0 to 5 and builds records, never
 * calling anything the pickle names. Every cap (opcodes, stack, marks, memo, output size) ends in
 * a FormatError that names the opcode and its byte offset.
 */
import { DEFAULT_LIMITS, type Limits } from '../limits.ts';
import { FormatError, formatCount } from '../errors.ts';
import { OpReader, pickleError, type Op } from './genops.ts';
import { buildKnown, normaliseModule, reduceKnown } from './known.ts';
import { HIGHEST_PROTOCOL } from './opcodes.ts';
import { PyBuffer, PyByteArray, PyDict, PyGlobal, PyObject, PyPersistent, PySet, PyTuple, type PyValue } from './values.ts';

export interface GlobalUse {
  module: string;
  name: string;
  offset: number;
  opcode: 'GLOBAL' | 'STACK_GLOBAL' | 'INST' | 'EXT1' | 'EXT2' | 'EXT4';
}

export interface CallSite {
  offset: number;
  opcode: 'REDUCE' | 'NEWOBJ' | 'NEWOBJ_EX' | 'INST' | 'OBJ' | 'BUILD';
  callable: PyValue;
  args: PyValue[];
  kwargs: PyDict | null;
  /** What the reader made of the call: a known value, or the record. */
  result: PyValue;
}

/** What a read saw, kept even when the read fails part way, so a safety report can show it. */
export interface PickleTrace {
  globals: GlobalUse[];
  calls: CallSite[];
  opcodes: number;
  protocols: number[];
  memoPuts: number;
  memoGets: number;
  maxStack: number;
  maxMarks: number;
  persistentIds: number;
  buffers: PyBuffer[];
  /** Items left on the stack under the result at STOP (an injected payload leaves some). */
  leftOnStack: number;
  /**
   * Where shared references first expand past limits.maxOutputBytes: the value cannot be written
   * out, but the read goes on so the safety report still sees every opcode.
   */
  overExpansion?: { offset: number; opcode: string; bytes: number };
  warnings: string[];
  /** Places where Python may read the bytes differently from this reader (e.g. an opcode straddling a FRAME end). */
  ambiguities: string[];
}

export function newTrace(): PickleTrace {
  return {
    globals: [],
    calls: [],
    opcodes: 0,
    protocols: [],
    memoPuts: 0,
    memoGets: 0,
    maxStack: 0,
    maxMarks: 0,
    persistentIds: 0,
    buffers: [],
    leftOnStack: 0,
    warnings: [],
    ambiguities: [],
  };
}

export interface ReadPickleOptions {
  limits?: Limits;
  /** Byte offset where the pickle starts (stacked pickles). */
  start?: number;
  /** Resolves PERSID/BINPERSID ids; must itself be inert. Default: a PyPersistent record. */
  persistentLoad?: (pid: PyValue, offset: number) => PyValue;
  /** Collects what was seen; pass your own to keep it when the read throws. */
  trace?: PickleTrace;
}

export interface PickleResult {
  value: PyValue;
  /** Byte offset just past STOP. */
  end: number;
  protocol: number;
  trace: PickleTrace;
}

/** The limit error for a read whose shared references expand past the budget, or null. */
export function overExpansionError(trace: PickleTrace, verdict?: string): FormatError | null {
  const over = trace.overExpansion;
  if (!over) return null;
  const said = verdict ? ` Its safety verdict: ${verdict}.` : '';
  return new FormatError({
    code: 'limit',
    layer: 'pickle',
    offset: over.offset,
    message: `${over.opcode} at byte ${formatCount(over.offset)}: the pickle's shared references expand to more than ${formatCount(over.bytes)} bytes of values (a memo-reuse bomb?).${said}`,
  });
}

export function readPickle(bytes: Uint8Array, options: ReadPickleOptions = {}): PickleResult {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const trace = options.trace ?? newTrace();
  const reader = new OpReader(bytes, limits, options.start ?? 0);
  const stack: PyValue[] = [];
  const marks: number[] = [];
  const memo = new Map<number, PyValue>();
  let protocol = 0;
  let output = 0;
  let nextBuffer = 0;
  // End of the current FRAME: CPython reads a frame as one block, so an opcode whose argument runs
  // past it may be read differently there than here.
  let frameEnd = -1;
  let op: Op = { info: { code: 0, name: 'start', arg: 'none', proto: 0 }, arg: null, offset: options.start ?? 0, end: 0 };

  const fail = (code: 'corrupt' | 'limit' | 'unsupported', message: string) => pickleError(code, `${op.info.name}: ${message}`, op.offset);

  /*
   * What each container expands to once shared references are written out (as the value tree, the
   * text view and JSON export do), in the units of to-value's budget. A memo GET costs one opcode but
   * can double the expansion: counting it here stops a 130-byte bomb at the opcode that passes the
   * budget, before anything is expanded. Containers filled after being referenced are not re-added;
   * to-value's own budget catches those.
   */
  const expanded = new WeakMap<object, number>();
  const sizeOf = (v: PyValue): number => {
    if (typeof v === 'string') return 8 + v.length;
    if (v instanceof Uint8Array) return 8 + v.length;
    if (v === null || typeof v !== 'object') return 8;
    return expanded.get(v) ?? 32;
  };
  const addExpanded = (target: object, values: readonly PyValue[]) => {
    if (trace.overExpansion) return;
    let size = expanded.get(target) ?? 32;
    for (const v of values) size += sizeOf(v);
    if (size > limits.maxOutputBytes) trace.overExpansion = { offset: op.offset, opcode: op.info.name, bytes: limits.maxOutputBytes };
    else expanded.set(target, size);
  };

  const grow = (n: number) => {
    output += n;
    if (output > limits.maxOutputBytes) throw fail('limit', 'the values read exceed the output size limit');
  };

  const push = (v: PyValue) => {
    stack.push(v);
    if (stack.length > trace.maxStack) {
      trace.maxStack = stack.length;
      if (stack.length > limits.maxKeys) throw fail('limit', 'the stack is deeper than the limit');
    }
  };

  const pop = (): PyValue => {
    const floor = marks.length ? (marks[marks.length - 1] as number) : 0;
    if (stack.length <= floor) throw fail('corrupt', 'pops from an empty stack');
    return stack.pop() as PyValue;
  };

  const top = (): PyValue => {
    const floor = marks.length ? (marks[marks.length - 1] as number) : 0;
    if (stack.length <= floor) throw fail('corrupt', 'needs a value on the stack');
    return stack[stack.length - 1] as PyValue;
  };

  const popMark = (): PyValue[] => {
    const m = marks.pop();
    if (m === undefined) throw fail('corrupt', 'no MARK on the stack');
    return stack.splice(m);
  };

  const memoGet = (index: number): PyValue => {
    trace.memoGets++;
    const v = memo.get(index);
    if (v === undefined) throw fail('corrupt', `memo entry ${index} was never stored`);
    return v;
  };

  const memoPut = (index: number) => {
    if (!Number.isSafeInteger(index) || index < 0) throw fail('corrupt', 'bad memo index');
    trace.memoPuts++;
    memo.set(index, top());
    if (memo.size > limits.maxMemo) throw fail('limit', 'the memo holds more entries than the limit');
  };

  const addGlobal = (module: string, name: string, opcode: GlobalUse['opcode']): PyGlobal => {
    trace.globals.push({ module, name, offset: op.offset, opcode });
    return new PyGlobal(normaliseModule(module), name);
  };

  const call = (opcode: CallSite['opcode'], kind: 'call' | 'new', callable: PyValue, args: PyValue[], kwargs: PyDict | null): PyValue => {
    const known = kwargs && kwargs.size > 0 ? undefined : reduceKnown(callable, args);
    const result = known !== undefined ? known : new PyObject(kind, callable, args, kwargs, op.offset);
    if (result !== null && typeof result === 'object') addExpanded(result, args);
    trace.calls.push({ offset: op.offset, opcode, callable, args, kwargs, result });
    grow(16 + args.length * 8);
    return result;
  };

  const tupleArgs = (v: PyValue, what: string): PyValue[] => {
    if (v instanceof PyTuple) return v.items;
    throw fail('corrupt', `${what} is not a tuple`);
  };

  const append = (target: PyValue, values: PyValue[]) => {
    grow(values.length * 8);
    if (Array.isArray(target)) {
      if (target.length + values.length > limits.maxKeys) throw fail('limit', 'a list has more items than the limit');
      addExpanded(target, values);
      for (const v of values) target.push(v);
    } else if (target instanceof PyObject) {
      const items = (target.listItems ??= []);
      if (items.length + values.length > limits.maxKeys) throw fail('limit', `an object gets more than ${formatCount(limits.maxKeys)} list items`);
      addExpanded(target, values);
      // One by one: spreading 300,000 arguments overflows the call stack.
      for (const v of values) items.push(v);
    } else {
      throw fail('corrupt', 'appends to something that is not a list');
    }
  };

  const setItems = (target: PyValue, kv: PyValue[]) => {
    if (kv.length % 2) throw fail('corrupt', 'an odd number of items for keys and values');
    grow(kv.length * 8);
    if (target instanceof PyDict) {
      if (target.size + kv.length / 2 > limits.maxKeys) throw fail('limit', 'a dict has more keys than the limit');
      addExpanded(target, kv);
      for (let i = 0; i < kv.length; i += 2) target.set(kv[i] as PyValue, kv[i + 1] as PyValue);
    } else if (target instanceof PyObject) {
      addExpanded(target, kv);
      const items = (target.dictItems ??= []);
      for (let i = 0; i < kv.length; i += 2) items.push([kv[i] as PyValue, kv[i + 1] as PyValue]);
    } else {
      throw fail('corrupt', 'sets items on something that is not a dict');
    }
  };

  for (;;) {
    op = reader.next();
    if (++trace.opcodes > limits.maxOpcodes) throw fail('limit', 'the pickle runs more opcodes than the limit');
    if (op.offset < frameEnd && op.end > frameEnd && trace.ambiguities.length < 20) {
      trace.ambiguities.push(
        `${op.info.name} at byte ${op.offset} runs past the end of its FRAME (byte ${frameEnd}): Python may read what follows differently`,
      );
    }
    const arg = op.arg;
    switch (op.info.name) {
      case 'PROTO': {
        const p = arg as number;
        if (p > HIGHEST_PROTOCOL) throw fail('unsupported', `protocol ${p} is newer than the highest known (${HIGHEST_PROTOCOL})`);
        protocol = p;
        trace.protocols.push(p);
        break;
      }
      case 'FRAME':
        if ((arg as number) > bytes.length - reader.pos) throw pickleError('truncated', 'FRAME: the frame runs past the end of the pickle', op.offset);
        if (op.offset < frameEnd && trace.ambiguities.length < 20)
          trace.ambiguities.push(`FRAME at byte ${op.offset} opens inside the frame that ends at byte ${frameEnd}`);
        frameEnd = op.end + (arg as number);
        break;
      case 'STOP': {
        const value = pop();
        trace.leftOnStack = stack.length;
        if (marks.length) trace.warnings.push(`${marks.length} MARK(s) left open at STOP`);
        return { value, end: reader.pos, protocol, trace };
      }
      case 'INT':
      case 'BININT':
      case 'BININT1':
      case 'BININT2':
      case 'LONG':
      case 'LONG1':
      case 'LONG4':
      case 'FLOAT':
      case 'BINFLOAT':
        push(arg as number | bigint | boolean);
        grow(8);
        break;
      case 'STRING':
      case 'BINSTRING':
      case 'SHORT_BINSTRING':
      case 'UNICODE':
      case 'SHORT_BINUNICODE':
      case 'BINUNICODE':
      case 'BINUNICODE8':
        grow((arg as string).length * 2);
        push(arg as string);
        break;
      case 'BINBYTES':
      case 'SHORT_BINBYTES':
      case 'BINBYTES8':
        grow((arg as Uint8Array).length);
        push(arg as Uint8Array);
        break;
      case 'BYTEARRAY8':
        grow((arg as Uint8Array).length);
        push(new PyByteArray((arg as Uint8Array).slice()));
        break;
      case 'NEXT_BUFFER': {
        const b = new PyBuffer(nextBuffer++);
        trace.buffers.push(b);
        push(b);
        break;
      }
      case 'READONLY_BUFFER': {
        const t = top();
        if (t instanceof PyBuffer) t.readonly = true;
        break;
      }
      case 'NONE':
        push(null);
        break;
      case 'NEWTRUE':
        push(true);
        break;
      case 'NEWFALSE':
        push(false);
        break;
      case 'EMPTY_LIST':
        push([]);
        grow(8);
        break;
      case 'EMPTY_TUPLE':
        push(new PyTuple([]));
        break;
      case 'EMPTY_DICT':
        push(new PyDict());
        grow(8);
        break;
      case 'EMPTY_SET':
        push(new PySet([], false));
        grow(8);
        break;
      case 'APPEND': {
        const v = pop();
        append(top(), [v]);
        break;
      }
      case 'APPENDS': {
        const vs = popMark();
        append(top(), vs);
        break;
      }
      case 'LIST': {
        const vs = popMark();
        grow(vs.length * 8);
        addExpanded(vs, vs);
        push(vs);
        break;
      }
      case 'TUPLE': {
        const vs = popMark();
        grow(vs.length * 8);
        const t = new PyTuple(vs);
        addExpanded(t, vs);
        push(t);
        break;
      }
      case 'TUPLE1':
      case 'TUPLE2':
      case 'TUPLE3': {
        const n = op.info.name === 'TUPLE1' ? 1 : op.info.name === 'TUPLE2' ? 2 : 3;
        const vs: PyValue[] = [];
        for (let i = 0; i < n; i++) vs.unshift(pop());
        grow(n * 8);
        const t = new PyTuple(vs);
        addExpanded(t, vs);
        push(t);
        break;
      }
      case 'DICT': {
        const kv = popMark();
        const d = new PyDict();
        setItems(d, kv);
        push(d);
        break;
      }
      case 'SETITEM': {
        const v = pop();
        const k = pop();
        setItems(top(), [k, v]);
        break;
      }
      case 'SETITEMS': {
        const kv = popMark();
        setItems(top(), kv);
        break;
      }
      case 'ADDITEMS': {
        const vs = popMark();
        const t = top();
        grow(vs.length * 8);
        if (!(t instanceof PySet) && !(t instanceof PyObject)) throw fail('corrupt', 'adds items to something that is not a set');
        addExpanded(t, vs);
        const items = t instanceof PySet ? t.items : (t.listItems ??= []);
        for (const v of vs) items.push(v);
        break;
      }
      case 'FROZENSET': {
        const vs = popMark();
        grow(vs.length * 8);
        const set = new PySet(vs, true);
        addExpanded(set, vs);
        push(set);
        break;
      }
      case 'POP':
        if (stack.length === (marks.length ? marks[marks.length - 1] : -1)) marks.pop();
        else pop();
        break;
      case 'DUP':
        push(top());
        break;
      case 'MARK':
        marks.push(stack.length);
        if (marks.length > trace.maxMarks) {
          trace.maxMarks = marks.length;
          if (marks.length > limits.maxDepth) throw fail('limit', `MARKs nest deeper than the depth limit (${limits.maxDepth})`);
        }
        break;
      case 'POP_MARK':
        popMark();
        break;
      case 'GET': {
        const text = (arg as string).trim();
        if (!/^\d+$/.test(text)) throw fail('corrupt', 'memo index is not a number');
        push(memoGet(Number(text)));
        break;
      }
      case 'BINGET':
      case 'LONG_BINGET':
        push(memoGet(arg as number));
        break;
      case 'PUT': {
        const text = (arg as string).trim();
        if (!/^\d+$/.test(text)) throw fail('corrupt', 'memo index is not a number');
        memoPut(Number(text));
        break;
      }
      case 'BINPUT':
      case 'LONG_BINPUT':
        memoPut(arg as number);
        break;
      case 'MEMOIZE':
        memoPut(memo.size);
        break;
      case 'EXT1':
      case 'EXT2':
      case 'EXT4':
        push(addGlobal('copyreg._extension_registry', `code ${String(arg)}`, op.info.name as GlobalUse['opcode']));
        break;
      case 'GLOBAL': {
        const [module, name] = arg as readonly [string, string];
        push(addGlobal(module, name, 'GLOBAL'));
        break;
      }
      case 'STACK_GLOBAL': {
        const name = pop();
        const module = pop();
        if (typeof module !== 'string' || typeof name !== 'string') throw fail('corrupt', 'module and name are not strings');
        push(addGlobal(module, name, 'STACK_GLOBAL'));
        break;
      }
      case 'REDUCE': {
        const args = tupleArgs(pop(), 'the argument');
        const callable = pop();
        push(call('REDUCE', 'call', callable, args, null));
        break;
      }
      case 'NEWOBJ': {
        const args = tupleArgs(pop(), 'the argument');
        const cls = pop();
        push(call('NEWOBJ', 'new', cls, args, null));
        break;
      }
      case 'NEWOBJ_EX': {
        const kwargs = pop();
        const args = tupleArgs(pop(), 'the argument');
        const cls = pop();
        if (!(kwargs instanceof PyDict)) throw fail('corrupt', 'keyword arguments are not a dict');
        push(call('NEWOBJ_EX', 'new', cls, args, kwargs));
        break;
      }
      case 'INST': {
        const [module, name] = arg as readonly [string, string];
        const args = popMark();
        push(call('INST', 'call', addGlobal(module, name, 'INST'), args, null));
        break;
      }
      case 'OBJ': {
        const vs = popMark();
        if (vs.length === 0) throw fail('corrupt', 'no class under the MARK');
        push(call('OBJ', 'call', vs[0] as PyValue, vs.slice(1), null));
        break;
      }
      case 'BUILD': {
        const state = pop();
        const t = top();
        if (t instanceof PyObject) {
          addExpanded(t, [state]);
          if (t.state instanceof PyDict && state instanceof PyDict) for (const [k, v] of state.entries) t.state.set(k, v);
          else t.state = state;
          buildKnown(t);
          // __setstate__ of the class would run here on load.
          trace.calls.push({ offset: op.offset, opcode: 'BUILD', callable: t.callable, args: [state], kwargs: null, result: t });
        } else if (t instanceof PyDict) {
          t.attributes = state;
        } else {
          trace.warnings.push(`BUILD at byte ${op.offset} sets state on a value that takes none`);
        }
        break;
      }
      case 'PERSID':
      case 'BINPERSID': {
        const pid = op.info.name === 'PERSID' ? (arg as string) : pop();
        trace.persistentIds++;
        push(options.persistentLoad ? options.persistentLoad(pid, op.offset) : new PyPersistent(pid));
        break;
      }
      default:
        throw fail('unsupported', 'opcode is not handled');
    }
  }
}
