/**
 * One module out of a program, as a file its framework loads alone, and one module file into a
 * program as one undoable edit.
 *
 * DSPy: a bare `dspy.Predict(...)` saves its one parameter under the name "self" (named_parameters
 * adds a module that is itself a Parameter as "self"), so `{"self": state, "metadata": ...}` is what
 * `dspy.Predict(sig).load(path)` reads. On request the module keeps its own path instead
 * (`{"generate_answer.predict": state, ...}`), which a program with that attribute loads.
 * Envelope: the single-module file `{module, parent_program, exported_at}`.
 */
import { analyzeProgram } from '../formats/analyze.ts';
import type { DspyEra } from '../formats/dspy/eras.ts';
import { FormatError } from '../../engine/errors.ts';
import { findModule } from '../model/demos.ts';
import { isObject, keyOf, prop } from '../model/keys.ts';
import { checkedEdit } from '../model/patch.ts';
import { getAt, joinPointer } from '../../engine/json-pointer.ts';
import type { Edit, ModuleInfo, Operation, Program } from '../model/program.ts';
import { dspyPredictorSchema, dspyRetrieveSchema } from '../schemas/dspy-state-schema.ts';
import { envelopeModuleSchema } from '../schemas/envelope-schema.ts';
import { validateValue, withPlainKeys } from '../schemas/validate.ts';
import { dspyPredictorOf, envelopeModuleOf } from './convert-adapter.ts';
import { moduleFileBaseName } from './export-file-name.ts';

export type ModuleFileShape = 'self' | 'own-path' | 'envelope-module';

const ENVELOPE_FAMILY = new Set(['envelope', 'envelope-module', 'desiru']);

function unsupported(message: string, path?: string): never {
  throw new FormatError({ code: 'unsupported', layer: 'module-file', message, ...(path !== undefined ? { path } : {}) });
}

function invalid(message: string, path?: string): never {
  throw new FormatError({ code: 'invalid', layer: 'module-file', message, ...(path !== undefined ? { path } : {}) });
}

export function defaultModuleShape(program: Program): ModuleFileShape {
  return ENVELOPE_FAMILY.has(program.adapterId) ? 'envelope-module' : 'self';
}

/** The module file's value, and a file name for it ("generate_answer.predict.json" before layers). */
export function moduleFileValue(
  value: unknown,
  program: Program,
  moduleId: string,
  shape: ModuleFileShape = defaultModuleShape(program),
  now: string = new Date().toISOString(),
): { value: unknown; baseName: string } {
  const mod = findModule(program, moduleId);
  const baseName = moduleFileBaseName(mod.id);
  if (shape === 'envelope-module') {
    const module = envelopeModuleOf(value, program, mod);
    if (!module) unsupported(`${mod.id} has no signature, so it cannot be written as an envelope module.`, mod.pointer);
    const parent: Record<string, unknown> = { class: String(program.metadata.programClass ?? program.metadata.parent_program ?? 'Program') };
    if (program.adapterId === 'envelope' && program.version !== undefined) parent.version = program.version;
    if (isObject(program.metadata.parent_program)) Object.assign(parent, program.metadata.parent_program);
    return { value: { module, parent_program: parent, exported_at: now }, baseName };
  }
  const state = dspyPredictorOf(value, program, mod) ?? (program.adapterId === 'dspy-state' ? getAt(value, mod.pointer) : undefined);
  if (state === undefined) unsupported(`${mod.id} has no signature fields, so DSPy could not load it.`, mod.pointer);
  const meta = isObject(value) ? prop(value, 'metadata') : undefined;
  // DSPy's load() reads metadata.dependency_versions unconditionally.
  const metadata = program.adapterId === 'dspy-state' && isObject(meta) ? meta : { dependency_versions: {} };
  const out: Record<string, unknown> = {};
  Object.defineProperty(out, shape === 'self' ? 'self' : mod.id, { value: state, enumerable: true, writable: true, configurable: true });
  out.metadata = metadata;
  return { value: out, baseName };
}

/** The module a module file holds: its state, the program it reads as, and the name it suggests. */
export function readModuleFile(fileValue: unknown, moduleId?: string): { program: Program; module: ModuleInfo; suggestedName: string } {
  const program = analyzeProgram(fileValue);
  if (program.modules.length === 0) invalid(`This file holds no module (it reads as ${program.formatLabel}).`);
  let module: ModuleInfo | undefined;
  if (moduleId !== undefined) module = program.modules.find((m) => m.id === moduleId);
  else if (program.modules.length === 1) module = program.modules[0];
  if (!module) {
    invalid(`This file holds ${program.modules.length} modules (${program.modules.map((m) => m.id).join(', ')}); say which one to import.`);
  }
  const suggestedName = module.id === 'self' ? 'imported' : module.id;
  return { program, module, suggestedName };
}

export interface ImportModuleOptions {
  /** The name in the target program; defaults to the module's own name. */
  name?: string;
  /** Replace the target module of that name instead of refusing when it exists. */
  replace?: boolean;
  /** Which module of a multi-module file to take. */
  moduleId?: string;
}

function checkSchema(state: unknown, schema: Record<string, unknown>, where: string): void {
  const first = validateValue(withPlainKeys(state), schema)[0];
  if (first) invalid(`The imported module does not fit ${where}: ${first.message}${first.pointer ? ` at ${first.pointer}` : ''}.`, first.pointer || undefined);
}

/** An Edit (ops, inverse, label) adding the file's module to `program`, or replacing one of its modules. */
export function importModuleEdit(value: unknown, program: Program, fileValue: unknown, options: ImportModuleOptions = {}): Edit {
  const source = readModuleFile(fileValue, options.moduleId);
  const name = (options.name ?? source.suggestedName).trim();
  if (name === '') invalid('The module needs a name.');
  const existing = program.modules.find((m) => m.id === name);
  if (existing && !options.replace) invalid(`A module named "${name}" already exists; choose another name or replace it.`, existing.pointer);
  let ops: Operation[];
  if (program.adapterId === 'dspy-state') {
    const state = dspyPredictorOf(fileValue, source.program, source.module) ?? getAt(fileValue, source.module.pointer);
    if (source.module.kind === 'retrieve') checkSchema(state, dspyRetrieveSchema, 'a DSPy Retrieve');
    else checkSchema(state, dspyPredictorSchema((program.era as DspyEra | undefined) ?? 'F'), `a DSPy predictor of era ${program.era ?? 'F'}`);
    if (name === 'metadata') invalid('"metadata" is DSPy\'s own key; choose another name.');
    ops = [{ op: existing ? 'replace' : 'add', path: existing ? existing.pointer : joinPointer('', name), value: state }];
  } else if (program.adapterId === 'envelope') {
    const module = envelopeModuleOf(fileValue, source.program, source.module, name);
    if (!module) unsupported(`${source.module.id} has no signature, so it cannot become an envelope module.`);
    checkSchema(module, envelopeModuleSchema, 'an envelope module');
    const root = isObject(value) ? value : {};
    const progKey = keyOf(root, 'program') ?? 'program';
    const prog = root[progKey];
    const modsKey = isObject(prog) ? keyOf(prog, 'modules') : undefined;
    if (!isObject(prog) || modsKey === undefined) unsupported('This envelope has no module list to add to.', joinPointer('', progKey));
    const list = prog[modsKey];
    const base = joinPointer('', progKey, modsKey);
    if (existing) ops = [{ op: 'replace', path: existing.pointer, value: module }];
    else if (Array.isArray(list)) ops = [{ op: 'add', path: joinPointer(base, list.length), value: module }];
    else ops = [{ op: 'add', path: joinPointer(base, name), value: module }];
  } else {
    unsupported(`Modules can be imported into DSPy state files and envelopes, not into ${program.formatLabel}.`);
  }
  const label = existing ? `Replace module ${name} from a file` : `Import module ${name}`;
  return checkedEdit<Edit>(value, ops, { label });
}
