/**
 * The pickle syntax layer for the format engine: plain pickles (protocols 0 to 5) and PyTorch
 * saves (zip with `<folder>/data.pkl`, legacy stacked pickles) decode into the JSON-friendly value
 * tree of pickleToValue. The safety report travels in the step options and, when the pickle is not
 * plain data, as a warning sentence. Nothing is ever executed; writing pickles is not supported.
 */
import { FormatError } from '../errors.ts';
import type { LayerContext, StepOptions, SyntaxLayer, ValueResult } from '../layers/layer.ts';
import { looksLikeLegacyTorch } from '../torch/torch-file.ts';
import { torchFileOf } from '../torch/torch-file-of.ts';
import { looksLikeZip } from '../torch/zip-directory.ts';
import { OPCODES } from './opcodes.ts';
import { readPickle } from './reader.ts';
import { safetyFromTrace, type SafetyReport } from './safety.ts';
import { pickleToValue } from './to-value.ts';

/** A torch zip names `<folder>/data.pkl` in its first local header (torch writes it first). */
function firstZipName(bytes: Uint8Array): string | undefined {
  if (!looksLikeZip(bytes) || bytes.length < 30) return undefined;
  const len = (bytes[26] ?? 0) | ((bytes[27] ?? 0) << 8);
  if (30 + len > bytes.length) return undefined;
  return new TextDecoder().decode(bytes.subarray(30, 30 + len));
}

function lastNonSpace(bytes: Uint8Array): number | undefined {
  for (let i = bytes.length - 1; i >= 0 && i >= bytes.length - 4; i--) {
    const b = bytes[i] as number;
    if (b !== 0x0a && b !== 0x0d && b !== 0x20) return b;
  }
  return undefined;
}

export function sniffPickle(bytes: Uint8Array): number {
  if (looksLikeLegacyTorch(bytes)) return 0.95;
  const zipName = firstZipName(bytes);
  if (zipName !== undefined) return /^([^/]+\/)?data\.pkl$/.test(zipName) ? 0.95 : 0;
  const b0 = bytes[0];
  const b1 = bytes[1];
  const b2 = bytes[2];
  if (b0 === 0x80 && b1 !== undefined && b1 >= 2 && b1 <= 5 && b2 !== undefined && OPCODES[b2]) {
    return lastNonSpace(bytes) === 0x2e ? 0.9 : 0.6; // a STOP at the end, unless the file is cut
  }
  // Protocols 0 and 1 start with one of a few heads and end with STOP.
  if (lastNonSpace(bytes) !== 0x2e || b0 === undefined) return 0;
  const head = String.fromCharCode(...bytes.subarray(0, 3));
  if (/^\((dp|lp|c|i|t)/.test(head) || /^c[A-Za-z_]/.test(head) || /^[}\]]q/.test(head)) return 0.6;
  return 0;
}

/** The safety report as plain, structured-cloneable data (no values, only text). */
export function safetySummary(report: SafetyReport): StepOptions {
  return {
    verdict: report.verdict,
    globals: report.globals.map(({ module, name, grade, reason, count }) => ({ module, name, grade, reason, count })),
    calls: report.calls.map(({ offset, opcode, target, grade, reason, text }) => ({ offset, opcode, target, grade, reason, text })),
    safeCalls: report.safeCalls,
    signals: report.signals,
    stats: report.stats,
    ...(report.error ? { error: report.error } : {}),
  };
}

function safetyWarnings(report: SafetyReport): string[] {
  if (report.verdict === 'safe') return [];
  const calls = report.calls.filter((c) => c.grade === 'dangerous').slice(0, 3).map((c) => c.text);
  if (report.verdict === 'dangerous') {
    return [`Loading this pickle in Python would run code${calls.length ? `: ${calls.join('; ')}` : ''}. Nothing was run here.`];
  }
  const classes = report.globals.filter((g) => g.grade === 'unknown').slice(0, 5).map((g) => `${g.module}.${g.name}`);
  return [`This pickle names classes this app does not know (${classes.join(', ')}); loading it in Python runs their code. Nothing was run here.`];
}

export const pickleLayer: SyntaxLayer = {
  id: 'pickle',
  kind: 'syntax',
  extensions: ['.pkl', '.pickle', '.pt', '.pth', '.ckpt', '.bin', '.joblib'],
  sniff(bytes) {
    try {
      return sniffPickle(bytes);
    } catch {
      return 0;
    }
  },
  async decode(bytes: Uint8Array, ctx: LayerContext): Promise<ValueResult> {
    const limits = ctx.limits;
    if (looksLikeZip(bytes) || looksLikeLegacyTorch(bytes)) {
      const file = torchFileOf(bytes, { limits });
      return {
        value: pickleToValue(file.root, { limits }),
        options: {
          container: file.layout === 'zip' ? 'torch-zip' : file.layout === 'legacy' ? 'torch-legacy' : 'pickle',
          ...(file.prefix !== undefined ? { prefix: file.prefix } : {}),
          ...(file.version !== undefined ? { version: file.version } : {}),
          byteorder: file.byteorder,
          tensors: file.tensors.length,
          safety: safetySummary(file.safety),
        },
        warnings: safetyWarnings(file.safety),
      };
    }
    const result = readPickle(bytes, { limits });
    const safety = safetyFromTrace(result.trace);
    return {
      value: pickleToValue(result.value, { limits }),
      options: { container: 'pickle', protocol: result.protocol, safety: safetySummary(safety) },
      warnings: [
        ...safetyWarnings(safety),
        ...(result.end < bytes.length ? [`${bytes.length - result.end} bytes follow the pickle's STOP and were not read.`] : []),
      ],
    };
  },
  async encode(): Promise<Uint8Array> {
    throw new FormatError({ code: 'unsupported', layer: 'pickle', message: 'Writing pickles is not supported: export as JSON instead (DSPy recommends JSON state).' });
  },
};
