/**
 * PyTorch save files read without torch and without reading tensor bytes: the zip layout
 * (`<any folder>/data.pkl`, `data/<key>`, `version`, `byteorder`), the legacy stacked-pickle layout
 * (magic number, protocol 1001, sys_info, object, storage keys, raw storages) and a bare pickle.
 * Storages stay references; their bytes are located (zip entry or file offset) but not read.
 */
import { FormatError } from '../errors.ts';
import { DEFAULT_LIMITS, type Limits } from '../limits.ts';
import { isStorage, isTensor } from '../pickle/known.ts';
import { newTrace as newEmptyTrace, readPickle, type PickleResult, type PickleTrace } from '../pickle/reader.ts';
import { combineMembers, gradeStacked, nestedMembers, type PickleMember } from '../pickle/members.ts';
import { safetyFromTrace, type SafetyReport } from '../pickle/safety.ts';
import { sniffPickleStream } from '../pickle/sniff.ts';
import { PyDict, PyGlobal, PyObject, PyPersistent, PyTuple, type DtypeName, type PyValue, type TorchStorageRef } from '../pickle/values.ts';
import type { ByteSource } from '../byte-source.ts';
import { ELEMENT_SIZE, storageDtype } from './dtypes.ts';
import { looksLikeZip, readZipDirectory, readZipEntry, type ZipEntry } from './zip-directory.ts';

export const LEGACY_MAGIC = 0x1950a86a20f9469cfc6cn;

export interface TensorInfo {
  /** Dotted path from the root: "model_state_dict.encoder.0.weight". */
  path: string;
  dtype: DtypeName | 'unknown';
  shape: number[];
  stride: number[];
  storageOffset: number;
  numel: number;
  /** numel × element size: what the tensor's values take, not its whole storage. */
  byteSize: number;
  /** As saved: 'cpu', 'cuda:0'. */
  device: string;
  storageKey: string;
  parameter: boolean;
  requiresGrad: boolean;
}

/** Where a storage's bytes are; nothing is read until a preview asks. */
export interface StorageLocation {
  ref: TorchStorageRef;
  /** Zip layout: the entry holding the bytes. */
  entry?: ZipEntry;
  /** Legacy layout: file offset of the first byte. */
  dataOffset?: number;
}

export interface TorchFile {
  layout: 'zip' | 'legacy' | 'pickle';
  /** Zip layout: the top-level folder ("archive", the model name...). */
  prefix?: string;
  /** Zip layout: the entry whose pickle is shown (the data.pkl torch.load unpickles). */
  pickleEntry?: ZipEntry;
  /** Zip `version` record, legacy protocol version. */
  version?: string;
  byteorder: 'little' | 'big';
  sysInfo?: PyValue;
  root: PyValue;
  pickle: PickleResult;
  safety: SafetyReport;
  tensors: TensorInfo[];
  storages: Map<string, StorageLocation>;
  source: ByteSource;
}

export interface OpenTorchOptions {
  limits?: Limits;
}

const LEGACY_HEAD = [0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19];

export function looksLikeLegacyTorch(head: Uint8Array): boolean {
  return LEGACY_HEAD.every((b, i) => head[i] === b);
}

function torchError(code: 'corrupt' | 'unknown-format', message: string): FormatError {
  return new FormatError({ code, layer: 'torch', message });
}

/** persistent_load of torch.load: storage ids become references, nothing else is resolved. */
function storageLoader(storages: Map<string, StorageLocation>) {
  return (pid: PyValue): PyValue => {
    if (!(pid instanceof PyTuple) || pid.items[0] !== 'storage') return new PyPersistent(pid);
    const [, type, key, location, numel] = pid.items;
    const cls = type instanceof PyGlobal ? type : null;
    if (!cls || typeof key !== 'string' || typeof location !== 'string' || typeof numel !== 'number') return new PyPersistent(pid);
    const known = storages.get(key);
    if (known) return known.ref;
    const ref: TorchStorageRef = { type: 'torch-storage', key, storageClass: cls.qualified, dtype: storageDtype(cls.name), location, numel };
    storages.set(key, { ref });
    return ref;
  };
}

function text(b: Uint8Array): string {
  return new TextDecoder().decode(b).trim();
}

/** Walk the value for tensors, naming each by its path; shared containers are visited once. */
export function listTensors(root: PyValue, limits: Limits = DEFAULT_LIMITS): TensorInfo[] {
  const out: TensorInfo[] = [];
  const seen = new Set<object>();
  const join = (path: string, seg: string) => (path ? `${path}.${seg}` : seg);
  const keyText = (k: PyValue) => (typeof k === 'string' || typeof k === 'number' || typeof k === 'bigint' ? String(k) : '?');
  const stack: Array<[PyValue | undefined, string, number]> = [[root, '', 0]];
  while (stack.length) {
    const [v, path, depth] = stack.pop() as [PyValue | undefined, string, number];
    if (v === undefined || v === null || typeof v !== 'object' || v instanceof Uint8Array || depth > limits.maxDepth) continue;
    if (isTensor(v)) {
      const s = isStorage(v.storage) ? v.storage : undefined;
      const numel = v.shape.reduce((a, b) => a * b, 1);
      const dtype = s?.dtype ?? 'unknown';
      out.push({
        path,
        dtype,
        shape: v.shape,
        stride: v.stride,
        storageOffset: v.storageOffset,
        numel,
        byteSize: dtype === 'unknown' ? 0 : numel * ELEMENT_SIZE[dtype],
        device: s?.location ?? 'unknown',
        storageKey: s?.key ?? '',
        parameter: v.parameter,
        requiresGrad: v.requiresGrad,
      });
      continue;
    }
    if (seen.has(v)) continue;
    seen.add(v);
    const children: Array<[PyValue | undefined, string]> = [];
    if (Array.isArray(v)) v.forEach((x, i) => children.push([x, join(path, String(i))]));
    else if (v instanceof PyTuple) v.items.forEach((x, i) => children.push([x, join(path, String(i))]));
    else if (v instanceof PyDict) for (const [k, x] of v.entries) children.push([x, join(path, keyText(k))]);
    else if (v instanceof PyObject) {
      if (v.state !== undefined) children.push([v.state, path]);
      v.listItems?.forEach((x, i) => children.push([x, join(path, String(i))]));
      for (const [k, x] of v.dictItems ?? []) children.push([x, join(path, keyText(k))]);
    }
    // Depth-first, in saved order.
    for (let i = children.length - 1; i >= 0; i--) {
      const [x, p] = children[i] as [PyValue | undefined, string];
      stack.push([x, p, depth + 1]);
    }
  }
  return out;
}

/** Pickle members of an archive: data.pkl, constants.pkl, extra pickles, TorchScript debug pickles. */
const PICKLE_MEMBER = /\.(pkl|pickle|debug_pkl)$/i;

function openZip(source: ByteSource, limits: Limits): TorchFile {
  const entries = readZipDirectory(source, limits);
  // torch (inline_container.cc) names the archive after the folder of the directory's FIRST entry
  // and loads `<that folder>/data.pkl`, matched without regard to case (miniz's default).
  const firstName = entries[0]?.name ?? '';
  const slash = firstName.indexOf('/');
  const torchFolder = slash > 0 ? firstName.slice(0, slash) : undefined;
  const wanted = torchFolder !== undefined ? `${torchFolder}/data.pkl`.toLowerCase() : undefined;
  const loadedByTorch = entries.filter((e) => e.name.toLowerCase() === wanted);
  const signals: string[] = [];
  if (torchFolder === undefined) signals.push(`torch.load refuses this archive: its first entry "${firstName}" is not in a folder`);
  else if (loadedByTorch.length === 0)
    signals.push(`torch.load looks for ${torchFolder}/data.pkl (the folder of the first entry), which this archive does not have`);
  if (loadedByTorch.length > 1)
    signals.push(
      `the archive lists ${loadedByTorch.length} entries named ${torchFolder}/data.pkl; which one torch loads depends on the zip reader, so each is graded`,
    );
  const dataPkl = loadedByTorch[0] ?? entries.find((e) => /^([^/]+\/)?data\.pkl$/i.test(e.name));
  if (!dataPkl) throw torchError('unknown-format', 'This zip has no <folder>/data.pkl: it is not a PyTorch save file');
  if (!loadedByTorch.includes(dataPkl)) signals.push(`${dataPkl.name} is shown, but torch.load would not unpickle it`);
  const prefix = dataPkl.name.includes('/') ? dataPkl.name.slice(0, dataPkl.name.indexOf('/')) : '';
  const at = (name: string) => entries.find((e) => e.name === (prefix ? `${prefix}/${name}` : name));
  const storages = new Map<string, StorageLocation>();
  const bytes = readZipEntry(source, dataPkl, limits);
  const persistentLoad = storageLoader(storages);
  const pickle = readPickle(bytes, { limits, persistentLoad });
  const members: PickleMember[] = [
    { name: dataPkl.name, report: safetyFromTrace(pickle.trace), loaded: loadedByTorch.includes(dataPkl) },
    ...nestedMembers(pickle.trace, dataPkl.name, { limits }),
  ];
  for (const entry of entries) {
    if (entry === dataPkl || !(PICKLE_MEMBER.test(entry.name) || loadedByTorch.includes(entry))) continue;
    const loaded = loadedByTorch.includes(entry);
    let member: Uint8Array;
    try {
      member = readZipEntry(source, entry, limits);
    } catch (e) {
      if (e instanceof FormatError && e.code !== 'limit') {
        members.push({ name: entry.name, loaded, report: { ...safetyFromTrace(newEmptyTrace(), e.toInfo()), verdict: 'unknown' } });
        continue;
      }
      throw e;
    }
    members.push(...gradeStacked(member, entry.name, loaded, { limits, persistentLoad: storageLoader(new Map()) }).members);
  }
  for (const [key, loc] of storages) {
    const entry = at(`data/${key}`);
    if (entry) loc.entry = entry;
  }
  const versionEntry = at('version') ?? at('.data/version');
  const byteorderEntry = at('byteorder');
  const byteorder = byteorderEntry && text(readZipEntry(source, byteorderEntry, limits)) === 'big' ? 'big' : 'little';
  const file: TorchFile = {
    layout: 'zip',
    prefix,
    pickleEntry: dataPkl,
    byteorder,
    root: pickle.value,
    pickle,
    safety: combineMembers(members, signals),
    tensors: listTensors(pickle.value, limits),
    storages,
    source,
  };
  if (versionEntry) file.version = text(readZipEntry(source, versionEntry, limits));
  return file;
}

/**
 * Reads the pickles of a stacked file one after another from one window of the file's head, which
 * grows only when a pickle is longer than what was read: the raw storages after the pickles are
 * touched at most by the last window.
 */
class StackedReader {
  // Start small so the raw storages after the pickles are barely touched.
  private window: Uint8Array;
  constructor(
    private readonly source: ByteSource,
    private readonly limits: Limits,
  ) {
    this.window = source.read(0, Math.min(source.size, 16 << 10));
  }

  /** `trace` collects what the last attempt saw, for a report when the read fails. */
  read(start: number, persistentLoad?: (pid: PyValue) => PyValue, trace?: PickleTrace): PickleResult {
    for (;;) {
      const attempt = newEmptyTrace();
      try {
        return readPickle(this.window, { limits: this.limits, start, trace: attempt, ...(persistentLoad ? { persistentLoad } : {}) });
      } catch (e) {
        if (trace) Object.assign(trace, attempt);
        if (e instanceof FormatError && e.code === 'truncated' && this.window.length < this.source.size) {
          this.window = this.source.read(0, Math.min(this.source.size, this.window.length * 4));
          continue;
        }
        throw e;
      }
    }
  }
}

const STACKED_ROLES = ['magic number', 'protocol version', 'sys_info', 'the object', 'storage keys'];

/** One stacked pickle read for its grade; a pickle that fails to read is still a member, with its error. */
function readMember(
  stacked: StackedReader,
  start: number,
  index: number,
  members: PickleMember[],
  limits: Limits,
  persistentLoad?: (pid: PyValue) => PyValue,
): PickleResult | undefined {
  const name = `stacked pickle ${index + 1} of 5 (${STACKED_ROLES[index]})`;
  const trace = newEmptyTrace();
  try {
    const r = stacked.read(start, persistentLoad, trace);
    members.push({ name, report: safetyFromTrace(r.trace), loaded: true }, ...nestedMembers(r.trace, name, { limits }));
    return r;
  } catch (e) {
    if (!(e instanceof FormatError) || e.code === 'limit') throw e;
    members.push({ name, report: safetyFromTrace(trace, e.toInfo()), loaded: true }, ...nestedMembers(trace, name, { limits }));
    return undefined;
  }
}

/**
 * torch.load of a non-zip file unpickles five pickles in a row: the magic number, the protocol
 * version, sys_info, the object and the storage keys. Any of them can carry a payload, so each is
 * graded; a pickle that is not what torch expects ends the load there, after it ran.
 */
function openLegacy(source: ByteSource, limits: Limits, stacked: StackedReader, magic: PickleResult): TorchFile {
  const members: PickleMember[] = [
    { name: 'stacked pickle 1 of 5 (magic number)', report: safetyFromTrace(magic.trace), loaded: true },
    ...nestedMembers(magic.trace, 'stacked pickle 1 of 5 (magic number)', { limits }),
  ];
  const storages = new Map<string, StorageLocation>();
  const stop = (reason: string): TorchFile => ({
    layout: 'legacy',
    byteorder: 'little',
    root: null,
    pickle: magic,
    safety: combineMembers(members, [`torch.load stops with an error ${reason}, after running the pickles before it`]),
    tensors: [],
    storages,
    source,
  });
  const proto = readMember(stacked, magic.end, 1, members, limits);
  if (!proto) return stop('at stacked pickle 2');
  if (proto.value !== 1001) return stop(`at stacked pickle 2: protocol version ${String(proto.value)} is not 1001`);
  const sys = readMember(stacked, proto.end, 2, members, limits);
  if (!sys) return stop('at stacked pickle 3');
  const little = !(sys.value instanceof PyDict && sys.value.get('little_endian') === false);
  const obj = readMember(stacked, sys.end, 3, members, limits, storageLoader(storages));
  if (!obj) return stop('at stacked pickle 4');
  const keys = readMember(stacked, obj.end, 4, members, limits);
  const keyList = keys && Array.isArray(keys.value) ? keys.value : [];
  // Raw storages follow in key order, each as an int64 element count then the bytes: read 8 bytes each.
  let pos = keys?.end ?? source.size;
  for (const key of keyList) {
    const loc = typeof key === 'string' ? storages.get(key) : undefined;
    if (!loc || loc.ref.dtype === 'unknown') break;
    const head = source.read(pos, 8);
    if (head.length < 8) break;
    const dv = new DataView(head.buffer, head.byteOffset, 8);
    const numel = Number(dv.getBigInt64(0, little));
    loc.dataOffset = pos + 8;
    pos += 8 + numel * ELEMENT_SIZE[loc.ref.dtype];
  }
  return {
    layout: 'legacy',
    version: '1001',
    byteorder: little ? 'little' : 'big',
    sysInfo: sys.value,
    root: obj.value,
    pickle: obj,
    safety: combineMembers(members, keys ? [] : ['torch.load stops with an error at stacked pickle 5, after running the pickles before it']),
    tensors: listTensors(obj.value, limits),
    storages,
    source,
  };
}

/** A bare pickle as torch.load (legacy path) or pickle.load reads it, and any pickles stacked after it. */
function openBare(source: ByteSource, limits: Limits, stacked: StackedReader, pickle: PickleResult, storages: Map<string, StorageLocation>): TorchFile {
  const members: PickleMember[] = [
    { name: 'pickle 1 at byte 0', report: safetyFromTrace(pickle.trace), loaded: true },
    ...nestedMembers(pickle.trace, 'pickle 1 at byte 0', { limits }),
  ];
  let end = pickle.end;
  for (let n = 2; end < source.size && members.length < 64; n++) {
    if (sniffPickleStream(source.read(end, 64 << 10)) === 0) break;
    const name = `pickle ${n} at byte ${end}`;
    const trace = newEmptyTrace();
    try {
      const r = stacked.read(end, undefined, trace);
      members.push({ name, report: safetyFromTrace(r.trace), loaded: false }, ...nestedMembers(r.trace, name, { limits }));
      end = r.end;
    } catch (e) {
      if (!(e instanceof FormatError) || e.code === 'limit') throw e;
      members.push({ name, report: safetyFromTrace(trace, e.toInfo()), loaded: false });
      break;
    }
  }
  return {
    layout: 'pickle',
    byteorder: 'little',
    root: pickle.value,
    pickle,
    safety: members.length > 1 ? combineMembers(members) : safetyFromTrace(pickle.trace),
    tensors: listTensors(pickle.value, limits),
    storages,
    source,
  };
}

export function openTorchFile(source: ByteSource, options: OpenTorchOptions = {}): TorchFile {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const head = source.read(0, 16);
  if (looksLikeZip(head)) return openZip(source, limits);
  if (source.size === 0) throw torchError('unknown-format', 'Not a PyTorch save file: the file is empty');
  // Any other file torch.load unpickles from the start (its legacy path): told by the first pickle's
  // value, whatever its encoding, not by the usual bytes of the magic number.
  const storages = new Map<string, StorageLocation>();
  const stacked = new StackedReader(source, limits);
  const first = stacked.read(0, storageLoader(storages));
  if (first.value === LEGACY_MAGIC) return openLegacy(source, limits, stacked, first);
  return openBare(source, limits, stacked, first, storages);
}
