/**
 * The pickle syntax layer for the format engine: plain pickles (protocols 0 to 5) and PyTorch
 * saves (zip with `<folder>/data.pkl`, legacy stacked pickles) decode into the JSON-friendly value
 * tree of pickleToValue. The safety report travels in the step options and, when the pickle is not
 * plain data, as a warning sentence. Nothing is ever executed; writing pickles is not supported.
 */
import { FormatError } from '../errors.ts';
import type { LayerContext, StepOptions, SyntaxLayer, ValueResult } from './layer.ts';
import { bytesSource } from '../byte-source.ts';
import { DEFAULT_LIMITS } from '../limits.ts';
import { LEGACY_MAGIC, openTorchFile } from '../torch/torch-file.ts';
import { looksLikeZip, readZipDirectory, readZipEntry } from '../torch/zip-directory.ts';
import { combineMembers, gradeStacked, nestedMembers, npyObjectPickle, type PickleMember } from '../pickle/members.ts';
import { newTrace, overExpansionError, readPickle, type PickleTrace } from '../pickle/reader.ts';
import { sniffPickleStream } from '../pickle/sniff.ts';
import { safetyFromTrace, type SafetyReport } from '../pickle/safety.ts';
import { pickleToValue } from '../pickle/to-value.ts';

/** A zip is a torch save when it holds a `data.pkl` (any folder, any case): torch's own files list it first. */
function zipHoldsDataPkl(bytes: Uint8Array): boolean {
  const entries = readZipDirectory(bytesSource(bytes), DEFAULT_LIMITS);
  return entries.some((e) => /^([^/]+\/)?data\.pkl$/i.test(e.name));
}

/** An .npz (numpy.savez): a zip of .npy members. A weak claim: only object arrays hold pickles. */
function zipIsNpz(bytes: Uint8Array): boolean {
  const entries = readZipDirectory(bytesSource(bytes), DEFAULT_LIMITS);
  return entries.length > 0 && entries.every((e) => /\.npy$/i.test(e.name));
}

export function sniffPickle(bytes: Uint8Array): number {
  if (looksLikeZip(bytes)) return zipHoldsDataPkl(bytes) ? 0.95 : zipIsNpz(bytes) ? 0.7 : 0;
  if (npyObjectPickle(bytes)) return 0.95;
  return sniffPickleStream(bytes);
}

/** The safety report as plain, structured-cloneable data (no values, only text). */
export function safetySummary(report: SafetyReport): StepOptions {
  return {
    verdict: report.verdict,
    globals: report.globals.map(({ module, name, grade, reason, count, member }) => ({
      module,
      name,
      grade,
      reason,
      count,
      ...(member !== undefined ? { member } : {}),
    })),
    calls: report.calls.map(({ offset, opcode, target, grade, reason, text, member }) => ({
      offset,
      opcode,
      target,
      grade,
      reason,
      text,
      ...(member !== undefined ? { member } : {}),
    })),
    safeCalls: report.safeCalls,
    signals: report.signals,
    stats: report.stats,
    ...(report.error ? { error: report.error } : {}),
    ...(report.members ? { members: report.members } : {}),
  };
}

function safetyWarnings(report: SafetyReport): string[] {
  if (report.verdict === 'safe') return [];
  const calls = report.calls
    .filter((c) => c.grade === 'dangerous')
    .slice(0, 3)
    .map((c) => (c.member ? `${c.text} (in ${c.member})` : c.text));
  if (report.verdict === 'dangerous') {
    return [`Loading this pickle in Python would run code${calls.length ? `: ${calls.join('; ')}` : ''}. Nothing was run here.`];
  }
  const classes = report.globals
    .filter((g) => g.grade === 'unknown')
    .slice(0, 5)
    .map((g) => `${g.module}.${g.name}`);
  if (classes.length === 0) {
    const why = report.signals.slice(0, 2).join('; ');
    return [`This app cannot tell everything loading this file in Python would do${why ? ` (${why})` : ''}. Nothing was run here.`];
  }
  return [`This pickle names classes this app does not know (${classes.join(', ')}); loading it in Python runs their code. Nothing was run here.`];
}

/**
 * A pickle that breaks after making calls: Python makes them too before it fails, so the report of
 * what was read is the answer (with the error), not only the error. A break before any call that
 * is not plain data keeps its typed error.
 */
function brokenPickle(e: unknown, trace: PickleTrace, limits: LayerContext['limits']): ValueResult {
  if (!(e instanceof FormatError) || e.code === 'limit' || e.code === 'cancelled') throw e;
  const first = 'pickle 1 at byte 0';
  const own = safetyFromTrace(trace, e.toInfo());
  if (own.verdict === 'safe' || !trace.calls.some((c) => c.opcode !== 'BUILD')) throw e;
  const nested = nestedMembers(trace, first, { limits });
  const safety = nested.length ? combineMembers([{ name: first, report: own, loaded: true }, ...nested]) : own;
  return {
    value: null,
    options: { container: 'pickle', protocol: trace.protocols[0] ?? 0, safety: safetySummary(safety) },
    warnings: [...safetyWarnings(safety), `The pickle breaks before its end (${e.message}); Python stops there too, after the calls above.`],
  };
}

/** An .npz: np.load(allow_pickle=True) unpickles each object-dtype member when it is read. */
function decodeNpz(bytes: Uint8Array, limits: LayerContext['limits']): ValueResult {
  const source = bytesSource(bytes);
  const value: Record<string, unknown> = {};
  const members: PickleMember[] = [];
  for (const entry of readZipDirectory(source, limits)) {
    const data = readZipEntry(source, entry, limits);
    const npy = npyObjectPickle(data);
    if (!npy) continue;
    const name = `${entry.name} (dtype ${npy.descr}, a pickle)`;
    const trace = newTrace();
    try {
      value[entry.name.replace(/\.npy$/i, '')] = pickleToValue(readPickle(data, { limits, start: npy.start, trace }).value, { limits });
      members.push({ name, report: safetyFromTrace(trace), loaded: true });
    } catch (e) {
      if (!(e instanceof FormatError) || e.code === 'limit') throw e;
      members.push({ name, report: safetyFromTrace(trace, e.toInfo()), loaded: true });
    }
    members.push(...nestedMembers(trace, name, { limits }));
  }
  if (members.length === 0)
    throw new FormatError({ code: 'unknown-format', layer: 'pickle', message: 'This .npz holds only numeric arrays: no pickle inside.' });
  const safety = combineMembers(members);
  return { value: value as ValueResult['value'], options: { container: 'npz-object', safety: safetySummary(safety) }, warnings: safetyWarnings(safety) };
}

/** A .npy of object dtype: numpy.save pickles the array after the header; np.load(allow_pickle=True) unpickles it. */
function decodeNpy(bytes: Uint8Array, npy: { start: number; descr: string }, limits: LayerContext['limits']): ValueResult {
  const name = `array data of the .npy (dtype ${npy.descr}, a pickle)`;
  const result = readPickle(bytes, { limits, start: npy.start });
  const members = [{ name, report: safetyFromTrace(result.trace), loaded: true }, ...nestedMembers(result.trace, name, { limits })];
  const safety = combineMembers(members);
  return {
    value: pickleToValue(result.value, { limits }),
    options: { container: 'npy-object', protocol: result.protocol, safety: safetySummary(safety) },
    warnings: safetyWarnings(safety),
  };
}

/** Refuses, before anything is expanded, a pickle whose shared references would pass the budget; the verdict is kept in the message. */
function refuseOverExpansion(trace: PickleTrace, safety: SafetyReport): void {
  const e = overExpansionError(trace, safety.verdict === 'safe' ? 'safe' : safety.verdict.toUpperCase());
  if (e) throw e;
}

export const pickleLayer: SyntaxLayer = {
  id: 'pickle',
  kind: 'syntax',
  label: 'Python pickle',
  // Read only: a pickle is never written (writing one that loads means writing code).
  writes: false,
  extensions: ['.pkl', '.pickle', '.pt', '.pth', '.ckpt', '.bin', '.joblib', '.npy', '.npz'],
  sniff(bytes) {
    try {
      return sniffPickle(bytes);
    } catch {
      return 0;
    }
  },
  async decode(bytes: Uint8Array, ctx: LayerContext): Promise<ValueResult> {
    const limits = ctx.limits;
    const npy = npyObjectPickle(bytes);
    if (npy) return decodeNpy(bytes, npy, limits);
    if (looksLikeZip(bytes) && !zipHoldsDataPkl(bytes)) return decodeNpz(bytes, limits);
    const trace = newTrace();
    let result;
    try {
      result = looksLikeZip(bytes) ? undefined : readPickle(bytes, { limits, trace });
    } catch (e) {
      return brokenPickle(e, trace, limits);
    }
    // torch.load reads a non-zip file as stacked pickles whenever the first one yields the magic number.
    if (!result || result.value === LEGACY_MAGIC) {
      const file = openTorchFile(bytesSource(bytes), { limits });
      refuseOverExpansion(file.pickle.trace, file.safety);
      return {
        value: pickleToValue(file.root, { limits }),
        options: {
          container: file.layout === 'zip' ? 'torch-zip' : file.layout === 'legacy' ? 'torch-legacy' : 'pickle',
          ...(file.prefix !== undefined ? { prefix: file.prefix } : {}),
          ...(file.pickleEntry ? { entry: file.pickleEntry.name } : {}),
          ...(file.version !== undefined ? { version: file.version } : {}),
          byteorder: file.byteorder,
          tensors: file.tensors.length,
          safety: safetySummary(file.safety),
        },
        warnings: safetyWarnings(file.safety),
      };
    }
    const first = 'pickle 1 at byte 0';
    const nested = nestedMembers(result.trace, first, { limits });
    const trailing =
      result.end < bytes.length && sniffPickleStream(bytes.subarray(result.end)) > 0
        ? gradeStacked(bytes, '', false, { limits, start: result.end, firstIndex: 2 })
        : undefined;
    const members = [{ name: first, report: safetyFromTrace(result.trace), loaded: true }, ...nested, ...(trailing?.members ?? [])];
    const safety = members.length > 1 ? combineMembers(members) : safetyFromTrace(result.trace);
    refuseOverExpansion(result.trace, safety);
    const unread = bytes.length - (trailing?.end ?? result.end);
    return {
      value: pickleToValue(result.value, { limits }),
      options: { container: 'pickle', protocol: result.protocol, safety: safetySummary(safety) },
      warnings: [
        ...safetyWarnings(safety),
        ...(trailing
          ? [`${trailing.members.length} more pickle(s) follow the first one's STOP; a loader that reads on would unpickle them, so they are graded too.`]
          : []),
        ...(unread > 0 && trailing?.end !== undefined ? [`${unread} bytes follow the last pickle's STOP and were not read.`] : []),
        ...(unread > 0 && !trailing ? [`${unread} bytes follow the pickle's STOP and were not read.`] : []),
      ],
    };
  },
  async encode(): Promise<Uint8Array> {
    throw new FormatError({
      code: 'unsupported',
      layer: 'pickle',
      message: 'Writing pickles is not supported: export as JSON instead (DSPy recommends JSON state).',
    });
  },
};
