/**
 * One predictor's prompt from an open document: the module's saved signature and demos, with the
 * view settings (adapter, types, a pasted signature, a tried input), rendered as DSPy does.
 */
import { demoArray, findModule, toDemo } from '../model/demos';
import { joinPointer } from '../../engine/json-pointer';
import type { ModuleInfo, Program } from '../model/program';
import { buildSignature, type TypeOverrides } from './build-signature';
import { checkSignature, type LoadCheck } from './load-check';
import { DSPY_PROMPT_VERSION, type AdapterId, type PromptDemo, type PromptMessage } from './prompt-types';
import { renderMessages } from './render';
import { parseSignature, SignatureSyntaxError, type DeclaredSignature } from './signature-parser';
import { isStr, typeText } from './type-expr';
import type { NumberSpelling } from './py-format';

export interface PromptRequest {
  moduleId: string;
  adapter?: AdapterId;
  /** Values for the request's input fields; a string for a typed field is read as JSON when it is JSON. */
  inputs?: Record<string, unknown>;
  types?: TypeOverrides;
  /** A pasted signature (string or class form), applied as DSPy's load would. */
  signature?: string;
}

export interface PromptFieldView {
  name: string;
  role: 'input' | 'output';
  type: string;
  inferred: boolean;
  typeSource: 'default' | 'file' | 'view' | 'signature';
  description: string;
}

export interface PromptView {
  moduleId: string;
  adapter: AdapterId;
  messages: PromptMessage[];
  fields: PromptFieldView[];
  /** What was inferred or assumed, and how the rendering relates to the file's DSPy version. */
  notes: string[];
  /** "DSPy 3.3.1 ChatAdapter". */
  follows: string;
  /** The pasted signature's check, or its syntax error. */
  check?: LoadCheck;
  signatureError?: { message: string; line: number; column: number };
  demoCount: number;
}

/** Modules a prompt can be rendered for: predictors with a signature. */
export function promptModules(program: Program): ModuleInfo[] {
  return program.modules.filter((m) => m.kind === 'predict' && m.signature !== undefined && m.signature.fields.length > 0);
}

function versionNote(program: Program): string | undefined {
  if (program.ecosystem !== 'dspy')
    return `This is a ${program.formatLabel}, not a DSPy file: the prompt shows what DSPy ${DSPY_PROMPT_VERSION} would send for the same signature and demos.`;
  const v = /^(\d+)\.(\d+)/.exec(program.version ?? '');
  const major = v ? Number(v[1]) : undefined;
  if (major !== undefined && major >= 3) return undefined;
  if (program.era === 'F' && major === undefined) return undefined;
  const saved = program.version ? `DSPy ${program.version}` : (program.eraLabel ?? 'an older DSPy');
  return `Saved by ${saved}: rendered as DSPy ${DSPY_PROMPT_VERSION} builds the prompt. The DSPy of its time may have built it differently (2.4 and earlier used a "Follow the following format." template with field prefixes).`;
}

function demosOf(value: unknown, module: ModuleInfo): PromptDemo[] {
  if (module.demosPointer === undefined) return [];
  let arr: unknown[];
  try {
    arr = demoArray(value, module);
  } catch {
    return [];
  }
  return arr.map((raw, index) => {
    const demo = toDemo(raw, index, joinPointer(module.demosPointer ?? '', index), module);
    const values: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const [k, v] of demo.fields) values[k] = v;
    return { index, values };
  });
}

/** Demo keys seen in the first demos (for the load check's note on keys no field declares). */
function demoKeysOf(demos: readonly PromptDemo[]): string[] {
  const keys = new Set<string>();
  for (const d of demos.slice(0, 64)) for (const k of Object.keys(d.values)) keys.add(k);
  return [...keys];
}

export function parseDeclared(text: string | undefined): { declared?: DeclaredSignature; error?: PromptView['signatureError'] } {
  if (text === undefined || text.trim() === '') return {};
  try {
    return { declared: parseSignature(text) };
  } catch (e) {
    if (e instanceof SignatureSyntaxError) return { error: { message: e.message, line: e.line, column: e.column } };
    throw e;
  }
}

export function renderModulePrompt(value: unknown, program: Program, request: PromptRequest, spelling?: NumberSpelling): PromptView {
  const module = findModule(program, request.moduleId);
  const adapter = request.adapter ?? 'chat';
  const demos = demosOf(value, module);
  const { declared, error } = parseDeclared(request.signature);
  const check = declared ? checkSignature(module, declared, demoKeysOf(demos)) : undefined;
  const built = buildSignature(module, request.types, check ? { ...(declared as DeclaredSignature), fields: check.fields } : undefined);
  const notes = [...built.notes];
  const vn = versionNote(program);
  if (vn) notes.unshift(vn);
  let inputs: Record<string, unknown> | undefined;
  if (request.inputs) {
    inputs = {};
    for (const f of built.signature.fields) {
      if (f.role !== 'input' || !Object.prototype.hasOwnProperty.call(request.inputs, f.name)) continue;
      const v = request.inputs[f.name];
      if (v === undefined || v === '') continue;
      inputs[f.name] = typeof v === 'string' && !isStr(f.type) ? readTyped(v) : v;
    }
  }
  const unknownSchemas: string[] = [];
  const messages = renderMessages(built.signature, demos, {
    adapter,
    ...(inputs ? { inputs } : {}),
    ...(spelling ? { spelling } : {}),
    onUnknownSchema: (f) => unknownSchemas.push(f.name),
  });
  if (unknownSchemas.length > 0)
    notes.push(
      `The JSON schema of ${[...new Set(unknownSchemas)].map((n) => `\`${n}\``).join(', ')} depends on a class in your code; a placeholder stands in for it.`,
    );
  return {
    moduleId: module.id,
    adapter,
    messages,
    fields: built.signature.fields.map((f) => ({
      name: f.name,
      role: f.role,
      type: typeText(f.type),
      inferred: f.nameInferred,
      typeSource: f.typeSource,
      description: f.description,
    })),
    notes,
    follows: `DSPy ${DSPY_PROMPT_VERSION} ${adapter === 'json' ? 'JSONAdapter' : 'ChatAdapter'}`,
    ...(check ? { check } : {}),
    ...(error ? { signatureError: error } : {}),
    demoCount: demos.length,
  };
}

/** Typed text for a typed field: JSON when it reads as JSON (["a", "b"], 3, true), else the text itself. */
function readTyped(text: string): unknown {
  const t = text.trim();
  if (t === 'True' || t === 'False') return t === 'True';
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return text;
  }
}
