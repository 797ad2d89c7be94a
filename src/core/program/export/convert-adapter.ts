/**
 * Writing a program for another framework's loader: DSPy state JSON from any program whose modules
 * have signatures, and the versioned envelope from any such program. Built from the program model
 * (signatures, instructions, demos, params), so it works from every era and port the model reads.
 * Era-to-era upgrades of one format are migrations, not exports; this is the cross-format step.
 */
import { FormatError } from '../../engine/errors.ts';
import { toDemo } from '../model/demos.ts';
import { isObject, normaliseKey } from '../model/keys.ts';
import { getAt, joinPointer } from '../../engine/json-pointer.ts';
import type { FieldInfo, ModuleInfo, Program } from '../model/program.ts';
import type { ExportAdapter } from './export-options.ts';

export const ENVELOPE_VERSION = '1.1.0';

export interface Converted {
  value: unknown;
  warnings: string[];
}

/** DSPy's default prefix for a field: "question" → "Question:", "final_answer" → "Final Answer:". */
export function dspyPrefix(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[_\s]+/).filter(Boolean);
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ') + ':';
}

/** Demos as flat rows of plain keys (envelope and DSPy both store them so). */
function flatDemos(value: unknown, mod: ModuleInfo): Record<string, unknown>[] {
  const arr = mod.demosPointer !== undefined ? getAt(value, mod.demosPointer) : undefined;
  if (!Array.isArray(arr)) return [];
  return arr.map((raw, i) => {
    const demo = toDemo(raw, i, joinPointer(mod.demosPointer ?? '', i), mod);
    const row: Record<string, unknown> = {};
    for (const [k, v] of demo.fields) Object.defineProperty(row, k, { value: v, enumerable: true, writable: true, configurable: true });
    for (const k of Object.keys(demo.flags)) Object.defineProperty(row, k, { value: demo.flags[k], enumerable: true, writable: true, configurable: true });
    return row;
  });
}

function fieldsOf(mod: ModuleInfo, role: 'input' | 'output'): FieldInfo[] {
  return (mod.signature?.fields ?? []).filter((f) => f.role === role);
}

function signatureString(mod: ModuleInfo): string | undefined {
  if (mod.signature?.raw !== undefined && mod.signature.raw.includes('->')) return mod.signature.raw;
  const part = (f: FieldInfo) => f.name + (f.type ? `: ${f.type}` : '') + (f.description && !/^\$\{.*\}$/.test(f.description) ? ` "${f.description.replace(/"/g, "'")}"` : '');
  const ins = fieldsOf(mod, 'input');
  const outs = fieldsOf(mod, 'output');
  if (ins.length === 0 && outs.length === 0) return undefined;
  return `${ins.map(part).join(', ')} -> ${outs.map(part).join(', ')}`;
}

/** One module in the envelope's shape; undefined when it has no signature to write. */
export function envelopeModuleOf(value: unknown, program: Program, mod: ModuleInfo, name = mod.id): Record<string, unknown> | undefined {
  if (program.adapterId === 'envelope' || program.adapterId === 'envelope-module') {
    const own = getAt(value, mod.pointer);
    if (isObject(own)) return { ...own, name };
  }
  const signature = signatureString(mod);
  if (signature === undefined) return undefined;
  const parameters: Record<string, unknown> = {};
  for (const k of Object.keys(mod.params)) parameters[normaliseKey(k)] = mod.params[k];
  if (mod.signature?.instructions !== undefined) parameters.instruction_template = mod.signature.instructions;
  const lm = mod.lm;
  if (isObject(lm)) {
    for (const k of ['temperature', 'max_tokens']) if (lm[k] !== undefined && parameters[k] === undefined) parameters[k] = lm[k];
  }
  const out: Record<string, unknown> = { name, class: mod.className ?? (mod.kind === 'predict' ? 'dspy.Predict' : mod.kind), signature };
  out.demonstrations = flatDemos(value, mod);
  out.parameters = parameters;
  return out;
}

/** One module as a DSPy predictor state (era F layout: traces, train, demos, signature, lm). */
export function dspyPredictorOf(value: unknown, program: Program, mod: ModuleInfo): Record<string, unknown> | undefined {
  if (program.adapterId === 'dspy-state') {
    const own = getAt(value, mod.pointer);
    return isObject(own) ? own : undefined;
  }
  const fields = [...fieldsOf(mod, 'input'), ...fieldsOf(mod, 'output')];
  if (fields.length === 0) return undefined;
  return {
    traces: [],
    train: [],
    demos: flatDemos(value, mod),
    signature: {
      instructions: mod.signature?.instructions ?? `Given the fields ${fieldsOf(mod, 'input').map((f) => '`' + f.name + '`').join(', ')}, produce the fields ${fieldsOf(mod, 'output').map((f) => '`' + f.name + '`').join(', ')}.`,
      fields: fields.map((f) => ({ prefix: f.prefix ?? dspyPrefix(f.name), description: f.description ?? '${' + f.name + '}' })),
    },
    lm: null,
  };
}

function toEnvelope(value: unknown, program: Program, now: string): Converted {
  const warnings: string[] = [];
  const modules: unknown[] = [];
  const unconverted: Record<string, unknown> = {};
  for (const mod of program.modules) {
    const m = envelopeModuleOf(value, program, mod);
    if (m) modules.push(m);
    else {
      unconverted[mod.id] = getAt(value, mod.pointer);
      warnings.push(`${mod.id} has no signature, so it is kept under program.custom_data.unconverted.`);
    }
  }
  const metadata: Record<string, unknown> = { source_format: program.formatLabel };
  if (program.version !== undefined) metadata.source_version = program.version;
  const custom: Record<string, unknown> = Object.keys(unconverted).length > 0 ? { unconverted } : {};
  return {
    value: { version: ENVELOPE_VERSION, metadata, program: { class: String(program.metadata.programClass ?? 'Program'), modules, configuration: {}, custom_data: custom }, timestamp: now },
    warnings,
  };
}

function toDspyState(value: unknown, program: Program): Converted {
  const warnings: string[] = [];
  const out: Record<string, unknown> = {};
  for (const mod of program.modules) {
    const state = dspyPredictorOf(value, program, mod);
    if (state) Object.defineProperty(out, mod.id, { value: state, enumerable: true, writable: true, configurable: true });
    else warnings.push(`${mod.id} has no signature fields, so it is left out of the DSPy state.`);
  }
  if (Object.keys(out).length === 0) {
    throw new FormatError({ code: 'unsupported', layer: 'export', message: 'No module of this program has a signature, so there is nothing DSPy could load.' });
  }
  // DSPy's load() reads metadata.dependency_versions unconditionally; an empty one raises no version warnings.
  out.metadata = { dependency_versions: {} };
  return { value: out, warnings };
}

/** The value to write for the chosen target; 'same' and 'generic' write the value as it is. */
export function convertForAdapter(value: unknown, program: Program, target: ExportAdapter, now: string): Converted {
  if (target === 'same' || target === 'generic') return { value, warnings: [] };
  if (target === 'dspy-state') return program.adapterId === 'dspy-state' ? { value, warnings: [] } : toDspyState(value, program);
  return program.adapterId === 'envelope' ? { value, warnings: [] } : toEnvelope(value, program, now);
}
