/**
 * Any program as DSPy state JSON: built from the program model (signatures, instructions, demos),
 * so it works from every era and port the model reads. Era-to-era upgrades are migrations, not this.
 */
import { FormatError } from '../../../engine/errors';
import { getAt } from '../../../engine/json-pointer';
import { isObject } from '../../model/keys';
import { fieldsOf, flatDemos } from '../../model/module-fields';
import type { ModuleInfo, Program } from '../../model/program';
import type { Converted } from '../kind';

/** DSPy's default prefix for a field: "question" → "Question:", "final_answer" → "Final Answer:". */
export function dspyPrefix(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[_\s]+/)
    .filter(Boolean);
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ') + ':';
}

/** One module as a DSPy predictor state (era F layout: traces, train, demos, signature, lm). */
export function dspyPredictorOf(value: unknown, program: Program, mod: ModuleInfo): Record<string, unknown> | undefined {
  if (program.format === 'dspy-state') {
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
      instructions:
        mod.signature?.instructions ??
        `Given the fields ${fieldsOf(mod, 'input')
          .map((f) => '`' + f.name + '`')
          .join(', ')}, produce the fields ${fieldsOf(mod, 'output')
          .map((f) => '`' + f.name + '`')
          .join(', ')}.`,
      fields: fields.map((f) => ({ prefix: f.prefix ?? dspyPrefix(f.name), description: f.description ?? '${' + f.name + '}' })),
    },
    lm: null,
  };
}

export function toDspyState(value: unknown, program: Program): Converted {
  if (program.format === 'dspy-state') return { value, warnings: [] };
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
