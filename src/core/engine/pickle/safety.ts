/**
 * The safety report shown before a pickle's content: every global it imports, graded, and every
 * call loading it would make, with the arguments shown as data. Built from the inert reader's
 * trace, so nothing is called; when the read fails part way the report still shows what was seen.
 */
import { toErrorInfo, type ErrorInfo } from '../errors.ts';
import type { Limits } from '../limits.ts';
import { normaliseModule } from './known.ts';
import { newTrace, readPickle, type PickleTrace, type ReadPickleOptions } from './reader.ts';
import { pyRepr } from './repr.ts';
import { PyGlobal, PyObject, type PyValue } from './values.ts';

export type Grade = 'safe' | 'unknown' | 'dangerous';

const SAFE = new Set([
  ...['set', 'frozenset', 'bytearray', 'bytes', 'complex', 'list', 'dict', 'tuple', 'int', 'float', 'str', 'bool', 'slice', 'range', 'object'].map(
    (n) => 'builtins.' + n,
  ),
  'collections.OrderedDict',
  'collections.defaultdict',
  'collections.Counter',
  'collections.deque',
  'copyreg._reconstructor',
  'copyreg.__newobj__',
  'copyreg.__newobj_ex__',
  '_codecs.encode',
  'datetime.datetime',
  'datetime.date',
  'datetime.time',
  'datetime.timedelta',
  'datetime.timezone',
  'decimal.Decimal',
  'fractions.Fraction',
  'numpy.core.multiarray._reconstruct',
  'numpy._core.multiarray._reconstruct',
  'numpy.core.multiarray.scalar',
  'numpy._core.multiarray.scalar',
  'numpy.ndarray',
  'numpy.dtype',
  ...[
    '_rebuild_tensor',
    '_rebuild_tensor_v2',
    '_rebuild_tensor_v3',
    '_rebuild_parameter',
    '_rebuild_parameter_with_state',
    '_rebuild_qtensor',
    '_rebuild_sparse_tensor',
    '_rebuild_meta_tensor_no_storage',
    '_rebuild_device_tensor_from_numpy',
    '_rebuild_device_tensor_from_cpu_tensor',
    '_rebuild_nested_tensor',
  ].map((n) => 'torch._utils.' + n),
  'torch.Size',
  'torch.device',
  'torch.Tensor',
  'torch.nn.parameter.Parameter',
  'torch.serialization._get_layout',
  'torch._tensor._rebuild_from_type_v2',
  'torch.storage.UntypedStorage',
  'torch.storage.TypedStorage',
  'dspy.primitives.example.Example',
]);

const TORCH_DTYPES =
  /^torch\.(float|double|half|bfloat16|float16|float32|float64|int|int8|int16|int32|int64|uint8|long|short|bool|complex64|complex128|cfloat|cdouble)$/;

const DANGEROUS_MODULES: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, {
  ...Object.fromEntries(
    ['os', 'posix', 'nt', 'subprocess', 'pty', 'commands', 'multiprocessing', '_posixsubprocess', 'pexpect', 'pipes'].map((m) => [
      m,
      'runs commands or touches the system',
    ]),
  ),
  ...Object.fromEntries(
    ['sys', 'signal', 'threading', '_thread', 'atexit', 'gc', 'site', 'platform', 'ctypes', '_ctypes', 'mmap'].map((m) => [
      m,
      'reaches into the interpreter or memory',
    ]),
  ),
  ...Object.fromEntries(
    [
      'code',
      'codeop',
      'runpy',
      'marshal',
      'types',
      'doctest',
      'compileall',
      'py_compile',
      '_interpreters',
      '_xxsubinterpreters',
      'pydoc',
      'timeit',
      'trace',
      'cProfile',
      'profile',
      'pdb',
      'bdb',
    ].map((m) => [m, 'compiles or runs code']),
  ),
  ...Object.fromEntries(
    [
      'importlib',
      '_frozen_importlib',
      '_frozen_importlib_external',
      '_imp',
      'imp',
      'pkgutil',
      'zipimport',
      'unittest',
      'inspect',
      'operator',
      '_operator',
      'functools',
    ].map((m) => [m, 'imports modules or reaches attributes indirectly']),
  ),
  ...Object.fromEntries(
    [
      'socket',
      'ssl',
      'http',
      'httplib',
      'urllib',
      'urllib2',
      'requests',
      'aiohttp',
      'asyncio',
      'webbrowser',
      'smtplib',
      'imaplib',
      'ftplib',
      'poplib',
      'telnetlib',
      'nntplib',
      'socketserver',
      'xmlrpc',
      'select',
      'selectors',
    ].map((m) => [m, 'opens network connections']),
  ),
  ...Object.fromEntries(['pickle', '_pickle', 'dill', 'joblib', 'shelve'].map((m) => [m, 'loads a nested pickle'])),
  cloudpickle: 'rebuilds functions and classes from pickled code objects',
  ...Object.fromEntries(
    ['shutil', 'tempfile', 'filecmp', 'distutils', 'fileinput', 'glob', 'linecache', 'tarfile', 'zipfile', 'sqlite3', 'io', '_io', 'logging', 'syslog'].map(
      (m) => [m, 'reads or writes files'],
    ),
  ),
  ...Object.fromEntries(['venv', 'ensurepip', 'pip', 'idlelib', 'lib2to3'].map((m) => [m, 'installs packages or runs tools'])),
  ...Object.fromEntries(['fickling', 'picklescan', 'modelscan', 'modelaudit'].map((m) => [m, 'tampers with pickle scanners'])),
  // Standard-library helpers that run a shell command or a program inside (scanner advisories).
  ...Object.fromEntries(
    ['_osx_support', '_aix_support', '_pyrepl', 'test', 'idlelib', 'lib2to3', 'ensurepip', 'zipapp', 'pydoc_data'].map((m) => [
      m,
      'runs commands or code through a standard-library helper',
    ]),
  ),
});

const DANGEROUS_NAMES: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, {
  'torch.hub': 'downloads and runs code',
  'torch._dynamo': 'compiles code',
  'torch._inductor': 'compiles code',
  'torch.jit': 'compiles code',
  'torch.compile': 'compiles code',
  'torch.load': 'loads a nested pickle',
  'torch.serialization.load': 'loads a nested pickle',
  'torch.storage._load_from_bytes': 'loads a nested pickle',
  'torch.utils._config_module': 'runs configuration code',
  'numpy.f2py': 'compiles code',
  'numpy.distutils': 'runs build tools',
  'numpy.testing._private.utils.runstring': 'runs code',
  'numpy.load': 'loads a nested pickle',
  'uuid._get_command_stdout': 'runs a command',
  'torch.utils.collect_env': 'runs commands',
  'torch.utils.bottleneck': 'runs code under a profiler',
  'torch.fx.experimental.symbolic_shapes': 'evaluates code',
  'torch.utils.data.datapipes.utils.decoder': 'loads a nested pickle',
  'torch.package': 'imports pickled modules',
  'logging.config': 'listens for and runs configuration',
});

/**
 * Attributes a dotted name (protocol 4 resolves `a.b.c` one getattr at a time) can walk through to
 * reach builtins, globals or any class: with these, any module leads to eval.
 */
const WALK_ATTRS = new Set([
  '__builtins__',
  '__globals__',
  '__dict__',
  '__class__',
  '__subclasses__',
  '__getattribute__',
  '__getattr__',
  '__base__',
  '__bases__',
  '__mro__',
  '__init__',
  '__new__',
  '__reduce__',
  '__reduce_ex__',
  '__self__',
  '__func__',
  '__code__',
  '__closure__',
  '__loader__',
  '__spec__',
  '__import__',
  '__call__',
  '__module__',
  '__objclass__',
  '__wrapped__',
  '__setattr__',
  '__delattr__',
]);

/** The attribute walk in a global's name that makes it dangerous whatever its module, if any. */
function attributeWalk(module: string, name: string): string | undefined {
  const segments = name.split('.');
  const dotted = segments.length > 1;
  for (const seg of [...module.split('.'), ...segments]) {
    if (WALK_ATTRS.has(seg)) return seg;
    // Any other dunder step in a dotted name is an attribute walk no pickler writes.
    if (dotted && segments.includes(seg) && /^__\w+__$/.test(seg)) return seg;
  }
  return undefined;
}

export interface GlobalGrade {
  grade: Grade;
  reason: string;
}

export function gradeGlobal(rawModule: string, name: string): GlobalGrade {
  const direct = gradeName(rawModule, name);
  if (direct.grade !== 'unknown' || !name.includes('.')) return direct;
  // `pathlib` + `os.system` resolves through the module pathlib imported: grade what the walk reaches.
  const segments = name.split('.');
  for (let i = 1; i < segments.length; i++) {
    const reached = gradeName(segments.slice(0, i).join('.'), segments.slice(i).join('.'));
    if (reached.grade === 'dangerous') return { grade: 'dangerous', reason: `reaches ${name} through ${rawModule}: ${reached.reason}` };
  }
  return direct;
}

function gradeName(rawModule: string, name: string): GlobalGrade {
  const module = normaliseModule(rawModule);
  const q = `${module}.${name}`;
  const walk = attributeWalk(module, name);
  if (walk) return { grade: 'dangerous', reason: `walks through ${walk}, which reaches builtins, globals or any class` };
  if (SAFE.has(q) || /^torch\.\w+Storage$/.test(q) || TORCH_DTYPES.test(q)) return { grade: 'safe', reason: 'known data type' };
  if (module === 'builtins') {
    return {
      grade: 'dangerous',
      reason: ['eval', 'exec', 'compile'].includes(name) ? 'evaluates code' : name === 'open' ? 'opens files' : 'a builtin that can reach code or the system',
    };
  }
  const parts = q.split('.');
  for (let i = parts.length; i >= 1; i--) {
    const prefix = parts.slice(0, i).join('.');
    const r = DANGEROUS_NAMES[prefix];
    if (r) return { grade: 'dangerous', reason: r };
  }
  const root = parts[0] ?? '';
  const r = DANGEROUS_MODULES[root];
  if (r) return { grade: 'dangerous', reason: r };
  return { grade: 'unknown', reason: 'a class or function this app does not know; loading it runs its code' };
}

function worst(a: Grade, b: Grade): Grade {
  return a === 'dangerous' || b === 'dangerous' ? 'dangerous' : a === 'unknown' || b === 'unknown' ? 'unknown' : 'safe';
}

function gradeCallable(v: PyValue, depth = 0): GlobalGrade {
  if (v instanceof PyGlobal) return gradeGlobal(v.module, v.name);
  if (v instanceof PyObject && depth < 20) {
    const inner = gradeCallable(v.callable, depth + 1);
    return { grade: worst(inner.grade, 'unknown'), reason: `calls a value made by ${pyRepr(v, 80)}: ${inner.reason}` };
  }
  return { grade: 'unknown', reason: 'calls a value that is not a named class or function' };
}

export interface GlobalFinding {
  module: string;
  name: string;
  grade: Grade;
  reason: string;
  /** Offsets of the opcodes that import it (first 20). */
  offsets: number[];
  count: number;
  /** Which pickle of the file imports it, when the file holds more than one. */
  member?: string;
}

export interface CallFinding {
  offset: number;
  opcode: string;
  /** 'os.system' or the repr of a computed callable. */
  target: string;
  grade: Grade;
  reason: string;
  /** The call as Python text with its arguments as data: os.system('echo pwned'). */
  text: string;
  args: PyValue[];
  /** Which pickle of the file makes the call, when the file holds more than one. */
  member?: string;
}

/** One pickle of a file that holds several, with its own verdict. */
export interface MemberVerdict {
  /** 'archive/data.pkl', 'stacked pickle 2 of 5 (protocol version)', 'nested pickle passed to pickle.loads at byte 40'. */
  name: string;
  verdict: Grade;
  /** Whether the loader the file is made for (torch.load, pickle.load) unpickles it. */
  loaded: boolean;
  error?: ErrorInfo;
}

export interface SafetyReport {
  verdict: Grade;
  globals: GlobalFinding[];
  /** Calls that are not plain data constructors, in stream order (first 1,000). */
  calls: CallFinding[];
  /** Calls of known data constructors, counted per target. */
  safeCalls: Array<{ target: string; count: number }>;
  signals: string[];
  stats: {
    opcodes: number;
    protocol: number | null;
    memoPuts: number;
    memoGets: number;
    maxStack: number;
    maxMarks: number;
    persistentIds: number;
    buffers: number;
  };
  /** Set when the read stopped early; the findings above are what was seen until then. */
  error?: ErrorInfo;
  /** Every pickle graded, when the file holds more than one: the verdict above is the worst of these. */
  members?: MemberVerdict[];
}

export interface SafetyOptions {
  limits?: Limits;
  start?: number;
  persistentLoad?: ReadPickleOptions['persistentLoad'];
}

export function analyzePickleSafety(bytes: Uint8Array, options: SafetyOptions = {}): SafetyReport {
  const trace = newTrace();
  let error: ErrorInfo | undefined;
  try {
    readPickle(bytes, { ...options, trace });
  } catch (e) {
    error = toErrorInfo(e, 'pickle');
  }
  return safetyFromTrace(trace, error);
}

/** The report from a read already made (no second pass over the bytes). */
export function safetyFromTrace(trace: PickleTrace, error?: ErrorInfo): SafetyReport {
  const globals = new Map<string, GlobalFinding>();
  for (const g of trace.globals) {
    const key = `${g.module}\n${g.name}`;
    let f = globals.get(key);
    if (!f) {
      const grade = gradeGlobal(g.module, g.name);
      f = { module: normaliseModule(g.module), name: g.name, ...grade, offsets: [], count: 0 };
      globals.set(key, f);
    }
    f.count++;
    if (f.offsets.length < 20) f.offsets.push(g.offset);
  }
  const calls: CallFinding[] = [];
  const safeCalls = new Map<string, number>();
  for (const c of trace.calls) {
    const target = c.callable instanceof PyGlobal ? c.callable.qualified : pyRepr(c.callable, 120);
    const g = gradeCallable(c.callable);
    if (g.grade === 'safe') {
      safeCalls.set(target, (safeCalls.get(target) ?? 0) + 1);
      continue;
    }
    if (calls.length >= 1000) continue;
    const text =
      c.opcode === 'BUILD'
        ? `${target}.__setstate__(${pyRepr(c.args[0] ?? null, 200)})`
        : pyRepr(new PyObject('call', c.callable, c.args, c.kwargs, c.offset), 400);
    calls.push({
      offset: c.offset,
      opcode: c.opcode,
      target,
      grade: c.opcode === 'BUILD' ? 'unknown' : g.grade,
      reason: c.opcode === 'BUILD' ? 'sets state; a class may run code while doing so' : g.reason,
      text,
      args: c.args,
    });
  }
  const signals: string[] = [];
  if (trace.protocols.length > 1) signals.push(`PROTO appears ${trace.protocols.length} times`);
  if (trace.leftOnStack > 0) signals.push(`STOP leaves ${trace.leftOnStack} value(s) under the result: something was computed and thrown away`);
  if (trace.memoPuts === 0 && trace.memoGets > 0) signals.push('memo entries are read but never stored');
  else if (trace.memoPuts > 0 && trace.memoGets / trace.memoPuts > 10)
    signals.push(`the memo is read ${(trace.memoGets / trace.memoPuts).toFixed(1)} times per entry stored (expansion attack?)`);
  signals.push(...trace.warnings);
  signals.push(...trace.ambiguities);
  let verdict: Grade = trace.ambiguities.length > 0 ? 'unknown' : 'safe';
  for (const g of globals.values()) verdict = worst(verdict, g.grade);
  for (const c of calls) verdict = worst(verdict, c.grade);
  if (error && error.code !== 'truncated') verdict = worst(verdict, 'unknown');
  const report: SafetyReport = {
    verdict,
    globals: [...globals.values()],
    calls,
    safeCalls: [...safeCalls].map(([target, count]) => ({ target, count })),
    signals,
    stats: {
      opcodes: trace.opcodes,
      protocol: trace.protocols[0] ?? null,
      memoPuts: trace.memoPuts,
      memoGets: trace.memoGets,
      maxStack: trace.maxStack,
      maxMarks: trace.maxMarks,
      persistentIds: trace.persistentIds,
      buffers: trace.buffers.length,
    },
  };
  if (error) report.error = error;
  return report;
}
