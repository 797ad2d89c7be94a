/** The envelope's single-module file `{module, parent_program, exported_at}`, out of a program and into an envelope. */
import { FormatError } from '../../../engine/errors';
import { joinPointer } from '../../../engine/json-pointer';
import { isObject, keyOf } from '../../model/keys';
import type { ModuleInfo, Operation, Program } from '../../model/program';
import { requireFits } from '../../schemas/validate';
import type { KindModuleFile, ModuleSource } from '../kind';
import { envelopeModuleOf } from './convert';
import { envelopeModuleSchema } from './schema';

function unsupported(message: string, path?: string): never {
  throw new FormatError({ code: 'unsupported', layer: 'module-file', message, ...(path !== undefined ? { path } : {}) });
}

function write(value: unknown, program: Program, mod: ModuleInfo, _shape: string, now: string): unknown {
  const module = envelopeModuleOf(value, program, mod);
  if (!module) unsupported(`${mod.id} has no signature, so it cannot be written as an envelope module.`, mod.pointer);
  const parent: Record<string, unknown> = { class: String(program.metadata.programClass ?? program.metadata.parent_program ?? 'Program') };
  if (program.format === 'envelope' && program.version !== undefined) parent.version = program.version;
  if (isObject(program.metadata.parent_program)) Object.assign(parent, program.metadata.parent_program);
  return { module, parent_program: parent, exported_at: now };
}

function importOps(value: unknown, program: Program, source: ModuleSource, name: string, existing: ModuleInfo | undefined): Operation[] | undefined {
  if (program.format !== 'envelope') return undefined;
  const module = envelopeModuleOf(source.fileValue, source.program, source.module, name);
  if (!module) unsupported(`${source.module.id} has no signature, so it cannot become an envelope module.`);
  requireFits(module, envelopeModuleSchema, 'an envelope module');
  const root = isObject(value) ? value : {};
  const progKey = keyOf(root, 'program') ?? 'program';
  const prog = root[progKey];
  const modsKey = isObject(prog) ? keyOf(prog, 'modules') : undefined;
  if (!isObject(prog) || modsKey === undefined) unsupported('This envelope has no module list to add to.', joinPointer('', progKey));
  const list = prog[modsKey];
  const base = joinPointer('', progKey, modsKey);
  if (existing) return [{ op: 'replace', path: existing.pointer, value: module }];
  if (Array.isArray(list)) return [{ op: 'add', path: joinPointer(base, list.length), value: module }];
  return [{ op: 'add', path: joinPointer(base, name), value: module }];
}

export const envelopeModuleFile: KindModuleFile = {
  shapes: [{ id: 'envelope-module', label: 'Envelope module file', title: '{"module": …, "parent_program": …, "exported_at": …}' }],
  write,
  importsInto: 'envelopes',
  importOps,
};
