/**
 * DSPy state JSON (`program.save("x.json")`), every layout era A–F: one top-level key per saved
 * parameter (Predict, Retrieve, Flex) plus an optional `metadata`.
 */
import { FormatError } from '../../../engine/errors';
import { hasOwn, isObject, strOrUndef, type PlainObject } from '../../model/keys';
import { parseModuleId } from '../../model/module-tree';
import { joinPointer } from '../../../engine/json-pointer';
import type { Detection, FieldInfo, FieldProp, ModuleInfo, Operation, ProgramFacts, Signature } from '../../model/program';
import type { FormatEdits, FormatReader } from '../kind';
import type { DspyNames } from './names';
import { findSecrets } from '../../model/secrets';
import { eraLabel, eraOfVersion, ERA_RANGES, parseVersion, type DspyEra } from './eras';
import { augmentedDemoKeys, inferRoles, nameFromDescription, nameFromPrefix } from './field-inference';
import { classifyParam, isBarePredict, predictLayout, type PredictLayout } from './predictor';
import { lmWarnings } from './lm-state';

const PREDICT_STATE_KEYS = new Set([
  'lm',
  'traces',
  'train',
  'demos',
  'signature',
  'extended_signature',
  'signature_instructions',
  'signature_prefix',
  'extended_signature_instructions',
  'extended_signature_prefix',
  'fields',
]);

function dspyVersionOf(value: PlainObject): string | undefined {
  const meta = value.metadata;
  if (!isObject(meta) || !isObject(meta.dependency_versions)) return undefined;
  return strOrUndef(meta.dependency_versions.dspy);
}

export function detectDspyState(value: unknown): Detection | null {
  if (!isObject(value)) return null;
  if (isBarePredict(value)) {
    const version = dspyVersionOf(value);
    const era = layoutEra({ self: value }, version);
    return { confidence: 0.9, ...(version !== undefined ? { version } : {}), ...(era !== undefined ? { era } : {}) };
  }
  let params = 0;
  let predicts = 0;
  for (const [k, v] of Object.entries(value)) {
    if (k === 'metadata' && isObject(v)) continue;
    const kind = classifyParam(v);
    if (!kind) return null;
    if (kind === 'empty') continue; // says nothing by itself: `{}` is any empty object
    params++;
    if (kind === 'predict') predicts++;
  }
  if (params === 0) return null;
  const version = dspyVersionOf(value);
  const era = layoutEra(value, version);
  const confidence = predicts > 0 ? 0.9 : version !== undefined ? 0.8 : 0.5;
  const det: Detection = { confidence };
  if (version !== undefined) det.version = version;
  if (era !== undefined) det.era = era;
  return det;
}

function layoutEra(value: PlainObject, version: string | undefined): DspyEra | undefined {
  const layouts = new Set<PredictLayout>();
  let hasExtended = false;
  let hasFlex = false;
  for (const [k, v] of Object.entries(value)) {
    if (k === 'metadata') continue;
    const kind = classifyParam(v);
    if (kind === 'flex') hasFlex = true;
    if (kind !== 'predict' || !isObject(v)) continue;
    layouts.add(predictLayout(v));
    if ('extended_signature' in v) hasExtended = true;
  }
  const fromVersion = version !== undefined ? eraOfVersion(version) : undefined;
  if (layouts.has('legacy-strings')) return 'B';
  if (layouts.has('bare')) return 'A';
  if (layouts.has('signature-lm-last')) return 'F';
  if (layouts.has('signature-lm-first')) {
    const hasMeta = isObject(value.metadata);
    if (!hasMeta) return 'C';
    if (fromVersion === 'E' || fromVersion === 'F') return hasExtended ? 'D' : 'E';
    if (hasExtended) return 'D';
    return fromVersion === 'C' ? 'C' : fromVersion === 'D' ? 'D' : 'E';
  }
  if (hasFlex) return 'F';
  return fromVersion;
}

function fieldsFromSignatureDict(sig: PlainObject, demos: unknown, era: DspyEra | undefined): FieldInfo[] {
  const raw = Array.isArray(sig.fields) ? sig.fields : [];
  const demoKeys = augmentedDemoKeys(demos);
  const useDemoKeys = demoKeys !== undefined && demoKeys.length === raw.length;
  const legacy = era === 'A' || era === 'B';
  return raw.map((f: unknown, i): FieldInfo => {
    const rec = isObject(f) ? f : {};
    const prefix = strOrUndef(rec.prefix);
    const description = strOrUndef(rec.description);
    const legacyRationale = legacy || (description !== undefined && description.startsWith('${produce the answer}'));
    const stored = strOrUndef(rec.name); // 2.4.14–2.5.5 save_field_meta kept names
    const name =
      stored ??
      (description !== undefined ? nameFromDescription(description) : undefined) ??
      (useDemoKeys ? demoKeys[i] : undefined) ??
      (prefix !== undefined ? nameFromPrefix(prefix, legacyRationale) : undefined) ??
      `field_${i + 1}`;
    const info: FieldInfo = { name, nameInferred: stored === undefined, role: 'unknown' };
    if (prefix !== undefined) info.prefix = prefix;
    if (description !== undefined) info.description = description;
    return info;
  });
}

function signatureOf(state: PlainObject, pointer: string, which: 'signature' | 'extended_signature', era: DspyEra | undefined): Signature | undefined {
  const sig = state[which];
  if (isObject(sig)) {
    const instructions = strOrUndef(sig.instructions);
    const fields = fieldsFromSignatureDict(sig, state.demos, era);
    inferRoles(fields, instructions);
    const out: Signature = { fields, pointer: joinPointer(pointer, which) };
    if (instructions !== undefined) out.instructions = instructions;
    return out;
  }
  const insKey = `${which}_instructions`;
  const preKey = `${which}_prefix`;
  if (!(insKey in state) && !(preKey in state)) {
    if (which === 'extended_signature') return undefined;
    // Era A stores no signature: the bootstrapped demos still tell the field names.
    const keys = augmentedDemoKeys(state.demos);
    if (!keys) return undefined;
    const fields = keys.map((name): FieldInfo => ({ name, nameInferred: true, role: 'unknown' }));
    inferRoles(fields, undefined);
    return { fields };
  }
  // Era B keeps the instructions and the prefix of the LAST field only.
  const instructions = strOrUndef(state[insKey]);
  const lastPrefix = strOrUndef(state[preKey]);
  const keys = augmentedDemoKeys(state.demos);
  const fields: FieldInfo[] = (keys ?? []).map((name) => ({ name, nameInferred: true, role: 'unknown' }));
  if (lastPrefix !== undefined) {
    const last = fields[fields.length - 1];
    if (last) last.prefix = lastPrefix;
    else fields.push({ name: nameFromPrefix(lastPrefix, true) ?? 'output', nameInferred: true, role: 'output', prefix: lastPrefix });
  }
  inferRoles(fields, instructions);
  const out: Signature = { fields };
  if (instructions !== undefined) out.instructions = instructions;
  return out;
}

function moduleOf(id: string, state: unknown, era: DspyEra | undefined, pointer = joinPointer('', id)): ModuleInfo | undefined {
  const kind = classifyParam(state);
  if (!kind || !isObject(state)) return undefined;
  if (kind === 'empty') {
    return {
      id,
      path: parseModuleId(id),
      kind: 'module',
      pointer,
      demoCount: 0,
      params: {},
      warnings: ['Saved as {}: this module has no parameters of its own (DSPy saves nothing for it).'],
    };
  }
  const mod: ModuleInfo = { id, path: parseModuleId(id), kind, pointer, demoCount: 0, params: {} };
  if (kind === 'retrieve') {
    mod.className = 'dspy.Retrieve';
    mod.params = { k: state.k };
    mod.paramsPointer = pointer;
    return mod;
  }
  if (kind === 'flex') {
    mod.className = 'dspy.Flex';
    mod.params = {};
    if (typeof state.module_src === 'string') {
      mod.code = {
        language: 'python',
        text: state.module_src,
        pointer: joinPointer(pointer, 'module_src'),
        note: 'dspy.Flex executes this Python source when the file is loaded: load it only if you trust who wrote it.',
      };
      mod.warnings = [mod.code.note];
    } else {
      mod.params = { module_src: state.module_src ?? null };
    }
  } else {
    mod.className = 'dspy.Predict';
    const demos = state.demos as unknown[];
    mod.demoCount = demos.length;
    mod.demosPointer = joinPointer(pointer, 'demos');
    mod.demoShape = 'flat';
    const params: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const k of Object.keys(state)) if (!PREDICT_STATE_KEYS.has(k) && !(pointer === '' && k === 'metadata')) params[k] = state[k];
    mod.params = params;
    const sig = signatureOf(state, pointer, 'signature', era);
    if (sig) mod.signature = sig;
    const ext = signatureOf(state, pointer, 'extended_signature', era);
    if (ext) mod.extendedSignature = ext;
    if (isObject(state.signature)) mod.instructionsPointer = joinPointer(pointer, 'signature', 'instructions');
    else if (hasOwn(state, 'signature_instructions')) mod.instructionsPointer = joinPointer(pointer, 'signature_instructions');
  }
  if (hasOwn(state, 'lm')) {
    const lm = state.lm;
    mod.lm = isObject(lm) ? lm : null;
    if (isObject(lm)) {
      mod.lmPointer = joinPointer(pointer, 'lm');
      const found = lmWarnings(lm);
      if (found.length > 0) mod.warnings = [...(mod.warnings ?? []), ...found];
    }
  }
  return mod;
}

export function analyzeDspyState(value: unknown, detection: Detection): ProgramFacts<DspyNames> {
  const root = isObject(value) ? value : {};
  const era = detection.era as DspyEra | undefined;
  const modules: ModuleInfo[] = [];
  const bare = isBarePredict(root);
  if (bare) {
    const mod = moduleOf('self', root, era, '');
    if (mod) modules.push(mod);
  } else {
    for (const [id, state] of Object.entries(root)) {
      if (id === 'metadata' && isObject(state)) continue;
      const mod = moduleOf(id, state, era);
      if (mod) modules.push(mod);
    }
  }
  const notes: string[] = [];
  if (bare) notes.push('A dspy.Predict saved on its own: the whole file is one predictor (DSPy calls it `self`); load it with predict.load(path).');
  if (modules.length > 0 && modules.every((m) => m.path[0] === 'module')) {
    notes.push(
      'Every name starts with `module.`: a dspy.Refine or dspy.BestOfN wrapper around the program. Its N, threshold and reward function are not saved.',
    );
  }
  const program: ProgramFacts<DspyNames> = {
    format: 'dspy-state',
    ecosystem: 'dspy',
    formatLabel: 'DSPy state JSON',
    content: 'program',
    modules,
    metadata: isObject(root.metadata) ? root.metadata : {},
    secrets: findSecrets(value, modules),
    notes,
  };
  if (era) {
    program.era = era;
    program.eraLabel = eraLabel(era);
  }
  if (detection.version !== undefined) {
    program.version = detection.version;
    program.versionSource = 'metadata';
    const vEra = eraOfVersion(detection.version);
    if (era && vEra && vEra !== era && parseVersion(detection.version)) {
      notes.push(`The layout is era ${era}, but the metadata says DSPy ${detection.version} (era ${vEra}).`);
    }
  } else if (era) {
    program.version = ERA_RANGES[era];
    program.versionSource = 'inferred';
    notes.push(`No metadata: the DSPy version (${ERA_RANGES[era]}) is inferred from the layout.`);
  }
  if (modules.some((m) => m.signature?.fields.some((f) => f.nameInferred))) {
    notes.push('DSPy does not store field names: they are inferred from descriptions, demos and prefixes.');
  }
  return program;
}

function unsupported(message: string, path?: string): never {
  throw new FormatError({ code: 'unsupported', layer: 'dspy', message, ...(path !== undefined ? { path } : {}) });
}

export const dspyEdits: FormatEdits = {
  setInstructions(_value, _program, mod, text, target = 'signature'): Operation[] {
    if (target === 'extended') {
      const ext = mod.extendedSignature;
      if (ext?.pointer !== undefined) return [{ op: 'replace', path: joinPointer(ext.pointer, 'instructions'), value: text }];
      if (ext) return [{ op: 'replace', path: joinPointer(mod.pointer, 'extended_signature_instructions'), value: text }];
      unsupported(`Module ${mod.id} has no extended signature.`, mod.pointer);
    }
    if (!mod.instructionsPointer) unsupported(`Module ${mod.id} stores no instructions in this DSPy era.`, mod.pointer);
    return [{ op: 'replace', path: mod.instructionsPointer, value: text }];
  },
  setFieldProp(_value, _program, mod, fieldIndex, prop: FieldProp, text): Operation[] {
    const sig = mod.signature;
    const field = sig?.fields[fieldIndex];
    if (!sig || !field) unsupported(`Module ${mod.id} has no field ${fieldIndex}.`, mod.pointer);
    if (prop === 'name' || prop === 'type') unsupported(`DSPy state does not store a field's ${prop}.`, mod.pointer);
    if (sig.pointer !== undefined) {
      return [{ op: field[prop] === undefined ? 'add' : 'replace', path: joinPointer(sig.pointer, 'fields', fieldIndex, prop), value: text }];
    }
    if (prop === 'prefix' && fieldIndex === sig.fields.length - 1) {
      return [{ op: 'replace', path: joinPointer(mod.pointer, 'signature_prefix'), value: text }];
    }
    return unsupported(`This DSPy era stores only the last field's prefix.`, mod.pointer);
  },
};

export const dspyStateReader: FormatReader<DspyNames> = {
  formats: ['dspy-state'],
  detect: (value) => detectDspyState(value),
  analyze: (value, detection) => analyzeDspyState(value, detection),
  edits: dspyEdits,
};
