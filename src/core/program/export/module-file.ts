/**
 * One module out of a program, as a file its framework loads alone, and one module file into a
 * program as one undoable edit. The shapes and what they hold belong to the kinds (their
 * `moduleFile`): a program's own kind writes its module files, or else the first registered kind
 * that writes any (DSPy's `{"self": ...}` is the file most loaders take).
 */
import { analyzeProgram, kindOf, moduleFileKind, registeredKinds } from '../formats/analyze.ts';
import { FormatError } from '../../engine/errors.ts';
import { findModule } from '../model/demos.ts';
import { checkedEdit } from '../model/patch.ts';
import type { Edit, ModuleInfo, Program } from '../model/program.ts';
import { moduleFileBaseName } from './export-file-name.ts';

/** A shape id one of the kinds declares ('self', 'own-path', 'envelope-module'): Program.offers.moduleFileShapes lists them. */
export type ModuleFileShape = string;

function unsupported(message: string, path?: string): never {
  throw new FormatError({ code: 'unsupported', layer: 'module-file', message, ...(path !== undefined ? { path } : {}) });
}

function invalid(message: string, path?: string): never {
  throw new FormatError({ code: 'invalid', layer: 'module-file', message, ...(path !== undefined ? { path } : {}) });
}

export function defaultModuleShape(program: Program): ModuleFileShape {
  const shape = moduleFileKind(program)?.moduleFile.shapes[0]?.id;
  if (shape === undefined) unsupported('No registered kind writes module files.');
  return shape;
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
  const writer = registeredKinds().find((k) => k.moduleFile?.shapes.some((s) => s.id === shape))?.moduleFile;
  if (!writer) invalid(`"${shape}" is not a module-file shape any program kind writes.`);
  return { value: writer.write(value, program, mod, shape, now), baseName: moduleFileBaseName(mod.id) };
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

/** "DSPy state files and envelopes": where modules can be imported, from the kinds that import them. */
function importTargets(): string {
  const names = registeredKinds().flatMap((k) => (k.moduleFile?.importsInto !== undefined ? [k.moduleFile.importsInto] : []));
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]!}` : (names[0] ?? 'no program');
}

/** An Edit (ops, inverse, label) adding the file's module to `program`, or replacing one of its modules. */
export function importModuleEdit(value: unknown, program: Program, fileValue: unknown, options: ImportModuleOptions = {}): Edit {
  const source = readModuleFile(fileValue, options.moduleId);
  const name = (options.name ?? source.suggestedName).trim();
  if (name === '') invalid('The module needs a name.');
  const existing = program.modules.find((m) => m.id === name);
  if (existing && !options.replace) invalid(`A module named "${name}" already exists; choose another name or replace it.`, existing.pointer);
  const ops = kindOf(program).moduleFile?.importOps?.(value, program, { fileValue, program: source.program, module: source.module }, name, existing);
  if (!ops) unsupported(`Modules can be imported into ${importTargets()}, not into ${program.formatLabel}.`);
  const label = existing ? `Replace module ${name} from a file` : `Import module ${name}`;
  return checkedEdit<Edit>(value, ops, { label });
}
