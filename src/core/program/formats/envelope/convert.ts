/**
 * Any program as the versioned envelope: built from the program model (signatures, instructions,
 * demos, params), so it works from every DSPy era and port the model reads.
 */
import { getAt } from '../../../engine/json-pointer';
import { isObject, normaliseKey } from '../../model/keys';
import { fieldsOf, flatDemos } from '../../model/module-fields';
import type { FieldInfo, ModuleInfo, Program } from '../../model/program';
import type { Converted } from '../kind';

export const ENVELOPE_VERSION = '1.1.0';

function signatureString(mod: ModuleInfo): string | undefined {
  if (mod.signature?.raw !== undefined && mod.signature.raw.includes('->')) return mod.signature.raw;
  const part = (f: FieldInfo) =>
    f.name + (f.type ? `: ${f.type}` : '') + (f.description && !/^\$\{.*\}$/.test(f.description) ? ` "${f.description.replace(/"/g, "'")}"` : '');
  const ins = fieldsOf(mod, 'input');
  const outs = fieldsOf(mod, 'output');
  if (ins.length === 0 && outs.length === 0) return undefined;
  return `${ins.map(part).join(', ')} -> ${outs.map(part).join(', ')}`;
}

/** One module in the envelope's shape; undefined when it has no signature to write. */
export function envelopeModuleOf(value: unknown, program: Program, mod: ModuleInfo, name = mod.id): Record<string, unknown> | undefined {
  if (program.format === 'envelope' || program.format === 'envelope-module') {
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

export function toEnvelope(value: unknown, program: Program, now: string): Converted {
  if (program.format === 'envelope') return { value, warnings: [] };
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
    value: {
      version: ENVELOPE_VERSION,
      metadata,
      program: { class: String(program.metadata.programClass ?? 'Program'), modules, configuration: {}, custom_data: custom },
      timestamp: now,
    },
    warnings,
  };
}
