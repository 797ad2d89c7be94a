/**
 * The versioned envelope `{version, metadata, program: {class, modules, configuration, custom_data}, timestamp}`,
 * its single-module file `{module, parent_program, exported_at}`, and Desiru's own `to_h` output
 * (modules as a name-keyed hash, `config`, `demos`, signature hashes). Keys may be Ruby symbols.
 */
import { FormatError } from '../../../engine/errors';
import { isObject, keyForWrite, keyOf, normaliseKey, prop, strOrUndef, type PlainObject } from '../../model/keys';
import { getAt, joinPointer } from '../../../engine/json-pointer';
import type { Detection, FieldProp, ModuleInfo, Operation, ProgramFacts } from '../../model/program';
import { findSecrets } from '../../model/secrets';
import type { FormatEdits, FormatReader } from '../kind';
import type { EnvelopeNames } from './names';
import { INSTRUCTIONS_PARAM, readEnvelopeModule } from './envelope-module';
import { parseSignatureString, replaceFieldText, type ParsedSignatureField } from './signature-string';

function modulesOf(container: PlainObject, base: string): ModuleInfo[] {
  const key = keyOf(container, 'modules');
  if (key === undefined) return [];
  const mods = container[key];
  const ptr = joinPointer(base, key);
  const out: ModuleInfo[] = [];
  if (Array.isArray(mods)) {
    mods.forEach((m, i) => {
      const name = strOrUndef(prop(m, 'name')) ?? `module_${i}`;
      const info = readEnvelopeModule(name, m, joinPointer(ptr, i));
      if (info) out.push(info);
    });
  } else if (isObject(mods)) {
    for (const k of Object.keys(mods)) {
      const info = readEnvelopeModule(normaliseKey(k), mods[k], joinPointer(ptr, k));
      if (info) out.push(info);
    }
  }
  return out;
}

function normalisedMeta(v: unknown): Record<string, unknown> {
  const out = Object.create(null) as Record<string, unknown>;
  if (isObject(v)) for (const k of Object.keys(v)) out[normaliseKey(k)] = v[k];
  return out;
}

type Facts = ProgramFacts<EnvelopeNames>;

function base(value: unknown, partial: Omit<Facts, 'secrets' | 'notes' | 'ecosystem'> & { ecosystem?: Facts['ecosystem'] }): Facts {
  return { ecosystem: 'envelope', ...partial, secrets: findSecrets(value, partial.modules), notes: [] };
}

export function detectEnvelope(value: unknown): Detection | null {
  if (!isObject(value)) return null;
  const program = prop(value, 'program');
  if (!isObject(program)) return null;
  const version = prop(value, 'version');
  const hasModules = keyOf(program, 'modules') !== undefined;
  if (typeof version === 'string' && hasModules) return { confidence: 0.95, version };
  if (typeof version === 'string') return { confidence: 0.7, version };
  if (hasModules && (keyOf(value, 'timestamp') !== undefined || keyOf(value, 'metadata') !== undefined)) return { confidence: 0.6 };
  return null;
}

export function analyzeEnvelope(value: unknown, detection: Detection): Facts {
  const root = isObject(value) ? value : {};
  const progKey = keyOf(root, 'program') ?? 'program';
  const prog = isObject(root[progKey]) ? (root[progKey] as PlainObject) : {};
  const p = base(value, {
    format: 'envelope',
    formatLabel: 'Versioned program envelope',
    content: 'program',
    modules: modulesOf(prog, joinPointer('', progKey)),
    metadata: normalisedMeta(prop(root, 'metadata')),
  });
  if (detection.version !== undefined) {
    p.version = detection.version;
    p.versionSource = 'metadata';
  }
  const cls = strOrUndef(prop(prog, 'class'));
  if (cls !== undefined) p.metadata.programClass = cls;
  const ts = prop(root, 'timestamp');
  if (ts !== undefined) p.metadata.timestamp = ts;
  return p;
}

export function detectModuleFile(value: unknown): Detection | null {
  if (!isObject(value)) return null;
  if (!isObject(prop(value, 'module'))) return null;
  if (keyOf(value, 'parent_program') === undefined && keyOf(value, 'exported_at') === undefined) return null;
  const v = prop(value, 'version');
  return typeof v === 'string' ? { confidence: 0.9, version: v } : { confidence: 0.9 };
}

export function analyzeModuleFile(value: unknown, detection: Detection): Facts {
  const root = isObject(value) ? value : {};
  const key = keyOf(root, 'module') ?? 'module';
  const mod = root[key];
  const name = strOrUndef(prop(mod, 'name')) ?? 'module';
  const info = readEnvelopeModule(name, mod, joinPointer('', key));
  const metadata = normalisedMeta(undefined);
  const parent = prop(root, 'parent_program');
  if (parent !== undefined) metadata.parent_program = parent;
  const exported = prop(root, 'exported_at');
  if (exported !== undefined) metadata.exported_at = exported;
  const p = base(value, {
    format: 'envelope-module',
    formatLabel: 'Envelope single-module file',
    content: 'module-file',
    modules: info ? [info] : [],
    metadata,
  });
  if (detection.version !== undefined) p.version = detection.version;
  p.notes.push('This file holds one module exported from a program.');
  return p;
}

function isDesiruClass(v: unknown): boolean {
  return typeof v === 'string' && v.startsWith('Desiru::');
}

export function detectDesiru(value: unknown): Detection | null {
  if (!isObject(value)) return null;
  const cls = prop(value, 'class');
  const mods = prop(value, 'modules');
  const sig = prop(value, 'signature');
  if (isObject(mods) && (isDesiruClass(cls) || keyOf(value, 'config') !== undefined)) {
    const all = Object.values(mods);
    if (all.length > 0 && all.every((m) => isObject(m) && keyOf(m, 'signature') !== undefined)) return { confidence: 0.8, era: 'program' };
  }
  if (isObject(sig) && keyOf(sig, 'signature') !== undefined && (isDesiruClass(cls) || keyOf(value, 'demos_count') !== undefined)) {
    return { confidence: 0.8, era: 'module' };
  }
  return null;
}

export function analyzeDesiru(value: unknown, detection: Detection): Facts {
  const root = isObject(value) ? value : {};
  const single = detection.era === 'module';
  const modules = single
    ? [readEnvelopeModule(strOrUndef(prop(root, 'class'))?.split('::').pop() ?? 'module', root, '')].filter((m): m is ModuleInfo => m !== undefined)
    : modulesOf(root, '');
  const p = base(value, {
    format: 'desiru',
    ecosystem: 'desiru',
    formatLabel: single ? 'Desiru module (to_h)' : 'Desiru program (to_h)',
    content: single ? 'module-file' : 'program',
    modules,
    metadata: normalisedMeta(prop(root, 'metadata')),
  });
  if (modules.some((m) => m.demosPointer === undefined && m.demoCount > 0)) {
    p.notes.push("Desiru's to_h saves only the number of demos, not the demos themselves.");
  }
  return p;
}

function unsupported(message: string, path: string): never {
  throw new FormatError({ code: 'unsupported', layer: 'envelope', message, path });
}

export const envelopeEdits: FormatEdits = {
  setInstructions(value, _program, mod, text): Operation[] {
    if (mod.instructionsPointer !== undefined) return [{ op: 'replace', path: mod.instructionsPointer, value: text }];
    const sym = mod.symbolKeys === true;
    if (mod.paramsPointer !== undefined) {
      return [{ op: 'add', path: joinPointer(mod.paramsPointer, keyForWrite(INSTRUCTIONS_PARAM, sym)), value: text }];
    }
    const modValue = getAt(value, mod.pointer);
    if (!isObject(modValue)) return unsupported(`Module ${mod.id} is not an object.`, mod.pointer);
    return [{ op: 'add', path: joinPointer(mod.pointer, keyForWrite('parameters', sym)), value: { [keyForWrite(INSTRUCTIONS_PARAM, sym)]: text } }];
  },
  setFieldProp(value, _program, mod, fieldIndex, prop_: FieldProp, text): Operation[] {
    const sig = mod.signature;
    const sigPtr = sig?.pointer;
    if (!sig || sigPtr === undefined) return unsupported(`Module ${mod.id} has no signature.`, mod.pointer);
    if (prop_ === 'prefix') return unsupported('Envelope signatures have no prefixes.', sigPtr);
    const sigValue = getAt(value, sigPtr);
    const raw = typeof sigValue === 'string' ? sigValue : strOrUndef(prop(sigValue, 'signature'));
    const ops: Operation[] = [];
    if (raw !== undefined) {
      const parsed = parseSignatureString(raw);
      const field = parsed?.fields[fieldIndex];
      if (!parsed || !field) return unsupported(`Field ${fieldIndex} is not in "${raw}".`, sigPtr);
      const next: ParsedSignatureField = { ...field, [prop_]: text };
      if (prop_ === 'type') next.typeWritten = true;
      const updated = replaceFieldText(parsed, fieldIndex, next);
      const rawPtr = typeof sigValue === 'string' ? sigPtr : joinPointer(sigPtr, keyOf(sigValue as PlainObject, 'signature') ?? 'signature');
      ops.push({ op: 'replace', path: rawPtr, value: updated });
    }
    if (isObject(sigValue)) {
      const field = sig.fields[fieldIndex];
      if (!field) return unsupported(`Module ${mod.id} has no field ${fieldIndex}.`, sigPtr);
      if (prop_ === 'name') return unsupported('Renaming a field of a signature hash is not supported; edit the signature string.', sigPtr);
      const groupKey = keyOf(sigValue, field.role === 'input' ? 'inputs' : 'outputs');
      const group = groupKey !== undefined ? sigValue[groupKey] : undefined;
      const entryKey = isObject(group) ? keyOf(group, field.name) : undefined;
      const entry = entryKey !== undefined && isObject(group) ? group[entryKey] : undefined;
      if (groupKey !== undefined && entryKey !== undefined && isObject(entry)) {
        const propKey = keyOf(entry, prop_) ?? keyForWrite(prop_, mod.symbolKeys === true);
        ops.push({ op: 'add', path: joinPointer(sigPtr, groupKey, entryKey, propKey), value: text });
      }
    }
    return ops;
  },
};

export const envelopeReader: FormatReader<EnvelopeNames> = {
  formats: ['envelope'],
  detect: (v) => detectEnvelope(v),
  analyze: (v, d) => analyzeEnvelope(v, d),
  edits: envelopeEdits,
};

export const envelopeModuleFileReader: FormatReader<EnvelopeNames> = {
  formats: ['envelope-module'],
  detect: (v) => detectModuleFile(v),
  analyze: (v, d) => analyzeModuleFile(v, d),
  edits: envelopeEdits,
};

export const desiruReader: FormatReader<EnvelopeNames> = {
  formats: ['desiru'],
  detect: (v) => detectDesiru(v),
  analyze: (v, d) => analyzeDesiru(v, d),
  edits: envelopeEdits,
};
