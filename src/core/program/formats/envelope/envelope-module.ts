/**
 * One module of the envelope, of its single-module file, or of Desiru's `to_h` — the same reader,
 * since they differ only in key names (`demonstrations`/`demos`, `parameters`/`config`) and in the
 * signature's form (a string, or Desiru's `{signature, inputs, outputs}` hash).
 */
import { isObject, keyOf, normaliseKey, prop, strOrUndef, usesSymbolKeys, type PlainObject } from '../../model/keys';
import { parseModuleId } from '../../model/module-tree';
import { joinPointer } from '../../../engine/json-pointer';
import type { FieldInfo, ModuleInfo, ModuleKind, Signature } from '../../model/program';
import { parseSignatureString } from './signature-string';

export const INSTRUCTIONS_PARAM = 'instruction_template';

function kindOfClass(className: string | undefined): ModuleKind {
  if (!className) return 'module';
  const last = className.split(/::|\./).pop()?.toLowerCase() ?? '';
  if (last.includes('retriev')) return 'retrieve';
  if (last === 'predict' || last.includes('chainofthought') || last.includes('predict')) return 'predict';
  return 'module';
}

function fieldsFromHash(h: unknown, role: 'input' | 'output'): FieldInfo[] {
  if (!isObject(h)) return [];
  return Object.keys(h).map((k): FieldInfo => {
    const rec = h[k];
    const f: FieldInfo = { name: normaliseKey(k), nameInferred: false, role };
    const type = prop(rec, 'type');
    const desc = prop(rec, 'description');
    const opt = prop(rec, 'optional');
    if (typeof type === 'string') f.type = normaliseKey(type);
    if (typeof desc === 'string') f.description = desc;
    if (typeof opt === 'boolean') f.optional = opt;
    return f;
  });
}

export function signatureOfModule(mod: PlainObject, pointer: string): Signature | undefined {
  const key = keyOf(mod, 'signature');
  if (key === undefined) return undefined;
  const sig = mod[key];
  const sigPtr = joinPointer(pointer, key);
  if (typeof sig === 'string') {
    const parsed = parseSignatureString(sig);
    const fields: FieldInfo[] = (parsed?.fields ?? []).map((f) => {
      const out: FieldInfo = { name: f.name, nameInferred: false, role: f.role };
      if (f.type !== undefined) out.type = f.type;
      if (f.description !== undefined) out.description = f.description;
      if (f.optional !== undefined) out.optional = f.optional;
      return out;
    });
    return { raw: sig, fields, pointer: sigPtr };
  }
  if (isObject(sig)) {
    const raw = strOrUndef(prop(sig, 'signature'));
    const hashed = [...fieldsFromHash(prop(sig, 'inputs'), 'input'), ...fieldsFromHash(prop(sig, 'outputs'), 'output')];
    const fromRaw = raw !== undefined ? (parseSignatureString(raw)?.fields ?? []) : [];
    // The hash carries descriptions; the string carries order and types when the hash lacks them.
    const fields =
      hashed.length > 0 ? hashed : fromRaw.map((f): FieldInfo => ({ name: f.name, nameInferred: false, role: f.role, ...(f.type ? { type: f.type } : {}) }));
    const out: Signature = { fields, pointer: sigPtr };
    if (raw !== undefined) out.raw = raw;
    const ins = strOrUndef(prop(sig, 'instructions'));
    if (ins !== undefined) out.instructions = ins;
    return out;
  }
  return undefined;
}

export function readEnvelopeModule(id: string, mod: unknown, pointer: string): ModuleInfo | undefined {
  if (!isObject(mod)) return undefined;
  const className = strOrUndef(prop(mod, 'class'));
  const info: ModuleInfo = {
    id,
    path: parseModuleId(id),
    kind: kindOfClass(className),
    pointer,
    demoCount: 0,
    params: {},
  };
  if (className !== undefined) info.className = className;
  if (usesSymbolKeys(mod)) info.symbolKeys = true;
  const sig = signatureOfModule(mod, pointer);
  if (sig) info.signature = sig;
  const demosKey = keyOf(mod, 'demonstrations') ?? keyOf(mod, 'demos');
  const demos = demosKey !== undefined ? mod[demosKey] : undefined;
  if (demosKey !== undefined && Array.isArray(demos)) {
    info.demoCount = demos.length;
    info.demosPointer = joinPointer(pointer, demosKey);
    info.demoShape = 'flat';
  } else {
    const count = prop(mod, 'demos_count');
    if (typeof count === 'number') info.demoCount = count;
  }
  const paramsKey = keyOf(mod, 'parameters') ?? keyOf(mod, 'config');
  const params = paramsKey !== undefined ? mod[paramsKey] : undefined;
  if (paramsKey !== undefined && isObject(params)) {
    const out = Object.create(null) as Record<string, unknown>;
    for (const k of Object.keys(params)) out[normaliseKey(k)] = params[k];
    info.params = out;
    info.paramsPointer = joinPointer(pointer, paramsKey);
    const insKey = keyOf(params, INSTRUCTIONS_PARAM);
    if (insKey !== undefined) {
      info.instructionsPointer = joinPointer(info.paramsPointer, insKey);
      const ins = params[insKey];
      if (typeof ins === 'string') {
        info.signature ??= { fields: [] };
        info.signature.instructions = ins;
      }
    }
  }
  return info;
}
