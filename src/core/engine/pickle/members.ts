/**
 * A file can hold several pickles that a consumer unpickles: the five stacked pickles of a legacy
 * torch save, every `.pkl` member of a zip, pickles after the first STOP, and bytes a pickle hands
 * to `pickle.loads` or `torch.load`. Each is graded on its own; the file's report is the union,
 * every finding naming its member, and the file's verdict is its worst member's.
 */
import { looksLikeNpy, readNpyHeader } from '../numpy/npy.ts';
import { bytesSource } from '../byte-source.ts';
import { unzlibSync } from 'fflate';
import { toErrorInfo, type ErrorInfo } from '../errors.ts';
import { DEFAULT_LIMITS, type Limits } from '../limits.ts';
import { normaliseModule } from './known.ts';
import { newTrace, readPickle, type PickleTrace, type ReadPickleOptions } from './reader.ts';
import { safetyFromTrace, type Grade, type SafetyReport } from './safety.ts';
export type { MemberVerdict } from './safety.ts';
import { sniffPickleStream } from './sniff.ts';
import { PyByteArray, PyGlobal, PyObject, type PyValue } from './values.ts';

export interface PickleMember {
  name: string;
  report: SafetyReport;
  loaded: boolean;
}

const ORDER: Record<Grade, number> = { safe: 0, unknown: 1, dangerous: 2 };

export function worstGrade(a: Grade, b: Grade): Grade {
  return ORDER[a] >= ORDER[b] ? a : b;
}

/** One report for the whole file: findings named by member, stats summed, verdict the worst. */
export function combineMembers(members: PickleMember[], extraSignals: string[] = [], unsure = false): SafetyReport {
  const first = members[0];
  if (!first) throw new Error('combineMembers needs at least one member');
  const named = members.length > 1 || extraSignals.length > 0 || first.name !== '';
  let verdict: Grade = unsure ? 'unknown' : 'safe';
  const safeCalls = new Map<string, number>();
  const out: SafetyReport = {
    verdict,
    globals: [],
    calls: [],
    safeCalls: [],
    signals: [...extraSignals],
    stats: { ...first.report.stats },
  };
  for (const [i, m] of members.entries()) {
    const r = m.report;
    verdict = worstGrade(verdict, r.verdict);
    const tag = <T extends object>(x: T): T => (named ? { ...x, member: m.name } : x);
    out.globals.push(...r.globals.map(tag));
    for (const c of r.calls) if (out.calls.length < 1000) out.calls.push(tag(c));
    for (const c of r.safeCalls) safeCalls.set(c.target, (safeCalls.get(c.target) ?? 0) + c.count);
    out.signals.push(...r.signals.map((s) => (named ? `${m.name}: ${s}` : s)));
    if (r.error && !out.error) out.error = named ? { ...r.error, message: `${m.name}: ${r.error.message}` } : r.error;
    if (i > 0) {
      const s = out.stats;
      const t = r.stats;
      s.opcodes += t.opcodes;
      s.memoPuts += t.memoPuts;
      s.memoGets += t.memoGets;
      s.maxStack = Math.max(s.maxStack, t.maxStack);
      s.maxMarks = Math.max(s.maxMarks, t.maxMarks);
      s.persistentIds += t.persistentIds;
      s.buffers += t.buffers;
    }
  }
  out.verdict = verdict;
  out.safeCalls = [...safeCalls].map(([target, count]) => ({ target, count }));
  if (named) {
    out.members = members.map((m) => ({ name: m.name, verdict: m.report.verdict, loaded: m.loaded, ...(m.report.error ? { error: m.report.error } : {}) }));
  }
  return out;
}

/** Callables that unpickle the bytes they are given, and where in their arguments those bytes are. */
const UNPICKLERS = new Set([
  'pickle.loads',
  'pickle.load',
  'pickle._loads',
  'pickle._load',
  'pickle.Unpickler',
  'pickle._Unpickler',
  '_pickle.loads',
  '_pickle.load',
  '_pickle.Unpickler',
  'dill.loads',
  'dill.load',
  'dill._dill.loads',
  'cloudpickle.loads',
  'cloudpickle.load',
  'joblib.load',
  'torch.load',
  'torch.serialization.load',
  'torch.storage._load_from_bytes',
  'numpy.load',
  'numpy.loads',
  'numpy.lib.npyio.load',
  'numpy.core.numeric.loads',
  'pandas.read_pickle',
  'shelve.open',
]);

/** Loaders that take the pickle's bytes themselves; the others take a file (a str there is a path). */
const BYTES_LOADERS = new Set([
  'pickle.loads',
  'pickle._loads',
  '_pickle.loads',
  'dill.loads',
  'dill._dill.loads',
  'cloudpickle.loads',
  'torch.storage._load_from_bytes',
  'numpy.loads',
  'numpy.core.numeric.loads',
]);

function latin1(s: string): Uint8Array | undefined {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) return undefined;
    out[i] = c;
  }
  return out;
}

function base64(s: string): Uint8Array | undefined {
  const clean = s.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(clean)) return undefined;
  try {
    return Uint8Array.from(atob(clean.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

function qualified(v: PyValue): string | undefined {
  return v instanceof PyGlobal ? `${normaliseModule(v.module)}.${v.name}` : undefined;
}

/**
 * The bytes a value stands for when handed to a loader: bytes, a latin-1 str (protocol 0 writes
 * bytes so), `io.BytesIO(b)`, `base64.b64decode(s)`, `zlib.decompress(b)`. Undefined when the
 * bytes would only exist at load time.
 */
export function bytesOfValue(v: PyValue | undefined, limits: Limits, depth = 0): Uint8Array | undefined {
  if (v instanceof Uint8Array) return v;
  if (v instanceof PyByteArray) return v.bytes;
  if (typeof v === 'string') return latin1(v);
  if (!(v instanceof PyObject) || depth > 8) return undefined;
  const q = qualified(v.callable);
  const inner = (i: number) => v.args[i];
  switch (q) {
    case 'io.BytesIO':
    case '_io.BytesIO':
    case 'builtins.bytes':
    case 'builtins.bytearray':
      return bytesOfValue(inner(0), limits, depth + 1);
    case 'base64.b64decode':
    case 'base64.standard_b64decode':
    case 'base64.urlsafe_b64decode':
    case 'base64.decodebytes':
    case 'binascii.a2b_base64': {
      const a = inner(0);
      const text = typeof a === 'string' ? a : a instanceof Uint8Array ? String.fromCharCode(...a.subarray(0, 1 << 20)) : undefined;
      return text !== undefined && text.length < 1 << 20 ? base64(text) : undefined;
    }
    case 'zlib.decompress': {
      const b = bytesOfValue(inner(0), limits, depth + 1);
      if (!b) return undefined;
      try {
        const out = unzlibSync(b);
        return out.length <= Math.min(limits.maxOutputBytes, 64 << 20) ? out : undefined;
      } catch {
        return undefined;
      }
    }
    default:
      return undefined;
  }
}

/** The pickle inside a .npy file of object dtype (numpy.save pickles such an array after the header). */
export function npyObjectPickle(bytes: Uint8Array): { start: number; descr: string } | undefined {
  if (!looksLikeNpy(bytes)) return undefined;
  try {
    const header = readNpyHeader(bytesSource(bytes));
    return header.dtype.kind === 'O' ? { start: header.dataOffset, descr: header.dtype.descr } : undefined;
  } catch {
    return undefined; // not a readable .npy header: not claimed as one
  }
}

export interface GradeOptions {
  limits?: Limits;
  start?: number;
  persistentLoad?: ReadPickleOptions['persistentLoad'];
  /** How deep nested pickles are followed (a pickle that loads a pickle that loads...). */
  depth?: number;
}

/** Grades one pickle read from `bytes`, and after it every pickle its calls would unpickle. */
export function gradePickle(
  bytes: Uint8Array,
  name: string,
  loaded: boolean,
  options: GradeOptions = {},
): { members: PickleMember[]; end: number | undefined } {
  const trace = newTrace();
  let error: ErrorInfo | undefined;
  let end: number | undefined;
  try {
    end = readPickle(bytes, {
      limits: options.limits ?? DEFAULT_LIMITS,
      trace,
      ...(options.start !== undefined ? { start: options.start } : {}),
      ...(options.persistentLoad ? { persistentLoad: options.persistentLoad } : {}),
    }).end;
  } catch (e) {
    error = toErrorInfo(e, 'pickle');
  }
  const members: PickleMember[] = [{ name, report: safetyFromTrace(trace, error), loaded }];
  members.push(...nestedMembers(trace, name, options));
  return { members, end };
}

/**
 * Grades the pickle at `start` and every further pickle stacked after it (a legacy torch save, a
 * stream of pickle.dump calls): bytes after a STOP that parse as a pickle are graded too, since a
 * loader that reads on (torch.load, a load loop) would unpickle them.
 */
export function gradeStacked(
  bytes: Uint8Array,
  name: string,
  loaded: boolean,
  options: GradeOptions & { firstIndex?: number } = {},
): { members: PickleMember[]; end: number | undefined } {
  const label = (n: number, at: number) => (n === 1 && name ? name : `pickle ${n} at byte ${at}${name ? ` of ${name}` : ''}`);
  let n = options.firstIndex ?? 1;
  const first = gradePickle(bytes, label(n, options.start ?? 0), loaded, options);
  const members = [...first.members];
  let end = first.end;
  for (n++; end !== undefined && end < bytes.length && members.length < 64; n++) {
    if (sniffPickleStream(bytes.subarray(end)) === 0) break;
    const next = gradePickle(bytes, label(n, end), false, { ...options, start: end });
    members.push(...next.members);
    end = next.end;
  }
  return { members, end };
}

/** Members for the bytes that calls in `trace` hand to known unpicklers. */
export function nestedMembers(trace: PickleTrace, parent: string, options: GradeOptions = {}): PickleMember[] {
  const depth = options.depth ?? 0;
  const limits = options.limits ?? DEFAULT_LIMITS;
  const out: PickleMember[] = [];
  if (depth >= 4) return out;
  for (const call of trace.calls) {
    if (out.length >= 32) break;
    const target = qualified(call.callable);
    if (!target || !UNPICKLERS.has(target)) continue;
    const where = `nested pickle passed to ${target} at byte ${call.offset}${parent ? ` of ${parent}` : ''}`;
    const arg = call.args[0];
    const bytes = typeof arg === 'string' && !BYTES_LOADERS.has(target) ? undefined : bytesOfValue(arg, limits);
    let start = 0;
    const npy = bytes ? npyObjectPickle(bytes) : undefined;
    if (npy) start = npy.start;
    if (!bytes) {
      // What it loads is a file name or a value computed at load time: it cannot be graded here.
      out.push({
        name: where,
        loaded: false,
        report: unreadable(
          `${target} loads ${typeof arg === 'string' ? `the file ${JSON.stringify(arg.slice(0, 200))}` : 'bytes computed while loading'}, which this app cannot read`,
        ),
      });
      continue;
    }
    if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
      out.push({ name: where, loaded: false, report: unreadable(`${target} loads a nested zip archive, which this app does not grade inside a pickle`) });
      continue;
    }
    out.push(...gradeStacked(bytes, where, false, { limits, start, depth: depth + 1 }).members);
  }
  return out;
}

/** A member whose content the app cannot see: never safe. */
export function unreadable(reason: string): SafetyReport {
  return {
    verdict: 'unknown',
    globals: [],
    calls: [],
    safeCalls: [],
    signals: [reason],
    stats: { opcodes: 0, protocol: null, memoPuts: 0, memoGets: 0, maxStack: 0, maxMarks: 0, persistentIds: 0, buffers: 0 },
  };
}
