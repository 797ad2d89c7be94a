/**
 * DSPy module files. A bare `dspy.Predict(...)` saves its one parameter under the name "self"
 * (named_parameters adds a module that is itself a Parameter as "self"), so `{"self": state,
 * "metadata": ...}` is what `dspy.Predict(sig).load(path)` reads. On request the module keeps its
 * own path instead (`{"generate_answer.predict": state, ...}`), which a program with that attribute loads.
 */
import { FormatError } from '../../../engine/errors';
import { getAt, joinPointer } from '../../../engine/json-pointer';
import { isObject, prop } from '../../model/keys';
import type { ModuleInfo, Operation, Program } from '../../model/program';
import { requireFits } from '../../schemas/validate';
import type { KindModuleFile, ModuleSource } from '../kind';
import { dspyPredictorOf } from './convert';
import type { DspyEra } from './eras';
import { dspyPredictorSchema, dspyRetrieveSchema } from './schema';

function unsupported(message: string, path?: string): never {
  throw new FormatError({ code: 'unsupported', layer: 'module-file', message, ...(path !== undefined ? { path } : {}) });
}

function write(value: unknown, program: Program, mod: ModuleInfo, shape: string): unknown {
  const state = dspyPredictorOf(value, program, mod) ?? (program.format === 'dspy-state' ? getAt(value, mod.pointer) : undefined);
  if (state === undefined) unsupported(`${mod.id} has no signature fields, so DSPy could not load it.`, mod.pointer);
  const meta = isObject(value) ? prop(value, 'metadata') : undefined;
  // DSPy's load() reads metadata.dependency_versions unconditionally.
  const metadata = program.format === 'dspy-state' && isObject(meta) ? meta : { dependency_versions: {} };
  const out: Record<string, unknown> = {};
  Object.defineProperty(out, shape === 'self' ? 'self' : mod.id, { value: state, enumerable: true, writable: true, configurable: true });
  out.metadata = metadata;
  return out;
}

function importOps(_value: unknown, program: Program, source: ModuleSource, name: string, existing: ModuleInfo | undefined): Operation[] | undefined {
  if (program.format !== 'dspy-state') return undefined;
  const state = dspyPredictorOf(source.fileValue, source.program, source.module) ?? getAt(source.fileValue, source.module.pointer);
  if (source.module.kind === 'retrieve') requireFits(state, dspyRetrieveSchema, 'a DSPy Retrieve');
  else requireFits(state, dspyPredictorSchema((program.era as DspyEra | undefined) ?? 'F'), `a DSPy predictor of era ${program.era ?? 'F'}`);
  if (name === 'metadata') throw new FormatError({ code: 'invalid', layer: 'module-file', message: '"metadata" is DSPy\'s own key; choose another name.' });
  return [{ op: existing ? 'replace' : 'add', path: existing ? existing.pointer : joinPointer('', name), value: state }];
}

export const dspyModuleFile: KindModuleFile = {
  shapes: [
    { id: 'self', label: 'For a bare dspy.Predict', title: '{"self": …, "metadata": …}' },
    { id: 'own-path', label: 'Under its own name', title: '{"<module>": …, "metadata": …}' },
  ],
  write,
  importsInto: 'DSPy state files',
  importOps,
};
