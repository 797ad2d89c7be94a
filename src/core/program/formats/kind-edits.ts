/**
 * The edits whose paths differ per format (instructions, signature fields): the program's own
 * reader says where they write; the inverse is derived generically, as for every edit.
 */
import { FormatError } from '../../engine/errors';
import { findModule } from '../model/demos';
import { checkedEdit } from '../model/patch';
import type { Edit, FieldProp, Operation, Program } from '../model/program';
import { readerOf } from './analyze';

function unsupported(message: string, path?: string): never {
  throw new FormatError({ code: 'unsupported', layer: 'model', message, ...(path !== undefined ? { path } : {}) });
}

function finish(value: unknown, ops: Operation[], label: string): Edit {
  return checkedEdit<Edit>(value, ops, { label });
}

function editsOf(program: Program) {
  return readerOf(program)?.edits;
}

export function setInstructions(value: unknown, program: Program, moduleId: string, text: string, target: 'signature' | 'extended' = 'signature'): Edit {
  const mod = findModule(program, moduleId);
  const fn = editsOf(program)?.setInstructions;
  if (!fn) unsupported(`${program.formatLabel} has no instructions to edit.`, mod.pointer);
  return finish(value, fn(value, program, mod, text, target), `Edit instructions of ${moduleId}`);
}

export function setFieldProp(value: unknown, program: Program, moduleId: string, fieldIndex: number, prop: FieldProp, text: string): Edit {
  const mod = findModule(program, moduleId);
  const fn = editsOf(program)?.setFieldProp;
  if (!fn) unsupported(`${program.formatLabel} has no editable signature fields.`, mod.pointer);
  const name = mod.signature?.fields[fieldIndex]?.name ?? String(fieldIndex);
  return finish(value, fn(value, program, mod, fieldIndex, prop, text), `Edit ${prop} of field ${name} in ${moduleId}`);
}
