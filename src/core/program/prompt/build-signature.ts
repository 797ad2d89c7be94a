/**
 * The signature DSPy would hold after `load()`: the saved instructions and descriptions applied by
 * position (Signature.load_state zips saved fields onto the code's fields) to the fields of the
 * declared signature when one is given, else to the names and roles the program model inferred.
 * Types default to `str` (what DSPy assumes for an untyped field) unless set as a view setting.
 */
import type { FieldInfo, ModuleInfo } from '../model/program';
import type { DeclaredSignature } from './signature-parser';
import type { PromptField, PromptSignature } from './prompt-types';
import { parseType, STR, type TypeExpr } from './type-expr';

/** Per-field type overrides (view settings), by field position: annotation text such as "list[str]". */
export type TypeOverrides = Readonly<Record<number, string>>;

export interface BuiltSignature {
  signature: PromptSignature;
  /** Sentences for people: what was inferred or assumed. */
  notes: string[];
}

/** DSPy's `_default_instructions`. */
export function defaultInstructions(fields: readonly { name: string; role: string }[]): string {
  const names = (role: string) =>
    fields
      .filter((f) => f.role === role)
      .map((f) => `\`${f.name}\``)
      .join(', ');
  return `Given the fields ${names('input')}, produce the fields ${names('output')}.`;
}

function typeOf(text: string | undefined): TypeExpr | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  try {
    return parseType(text.trim());
  } catch {
    return undefined;
  }
}

/** Roles as DSPy stores them: inputs first, then outputs; an unknown role follows its position. */
function roles(fields: readonly FieldInfo[]): Array<{ role: 'input' | 'output'; inferred: boolean }> {
  const firstOutput = fields.findIndex((f) => f.role === 'output');
  return fields.map((f, i) => {
    if (f.role !== 'unknown') return { role: f.role, inferred: false };
    return { role: firstOutput >= 0 && i >= firstOutput ? 'output' : i === fields.length - 1 ? 'output' : 'input', inferred: true };
  });
}

export function buildSignature(module: Pick<ModuleInfo, 'signature' | 'id'>, overrides: TypeOverrides = {}, declared?: DeclaredSignature): BuiltSignature {
  const saved = module.signature?.fields ?? [];
  const notes: string[] = [];
  const override = (i: number) => typeOf(overrides[i]);
  for (const [i, text] of Object.entries(overrides)) {
    if (text.trim() !== '' && typeOf(text) === undefined)
      notes.push(
        `The type "${text}" of field ${Number(i) + 1} is not an annotation this page can read; the field is shown as ${declared ? 'declared' : 'str'}.`,
      );
  }
  let fields: PromptField[];
  if (declared) {
    // load_state: zip(code fields, saved fields, strict=False): saved descriptions land by position.
    fields = declared.fields.map((d, i) => {
      const s = saved[i];
      const view = override(i);
      return {
        name: d.name,
        role: d.role,
        type: view ?? d.type,
        description: s?.description ?? d.desc ?? `\${${d.name}}`,
        nameInferred: false,
        roleInferred: false,
        typeSource: view ? 'view' : 'signature',
      };
    });
    if (declared.fields.length !== saved.length)
      notes.push(
        `The signature has ${declared.fields.length} fields and the file ${saved.length}: DSPy applies the saved descriptions to the first ${Math.min(declared.fields.length, saved.length)} by position.`,
      );
  } else {
    const r = roles(saved);
    fields = saved.map((f, i) => {
      const view = override(i);
      const fromFile = typeOf(f.type);
      return {
        name: f.name,
        role: r[i]?.role ?? 'input',
        type: view ?? fromFile ?? STR,
        description: f.description ?? `\${${f.name}}`,
        nameInferred: f.nameInferred,
        roleInferred: r[i]?.inferred ?? true,
        typeSource: view ? 'view' : fromFile ? 'file' : 'default',
      };
    });
    const inferred = fields.filter((f) => f.nameInferred).map((f) => f.name);
    if (inferred.length > 0)
      notes.push(`Field names are not saved by DSPy; inferred here: ${inferred.join(', ')}. Paste the signature under "Will it load?" to use the exact ones.`);
    const roleGuess = fields.filter((f) => f.roleInferred).map((f) => f.name);
    if (roleGuess.length > 0) notes.push(`Input or output taken from position for: ${roleGuess.join(', ')}.`);
  }
  const instructions = module.signature?.instructions ?? declared?.instructions ?? defaultInstructions(fields);
  if (module.signature?.instructions === undefined) notes.push('The file holds no instructions; DSPy\'s default "Given the fields …" sentence is shown.');
  return { signature: { instructions, fields }, notes };
}
