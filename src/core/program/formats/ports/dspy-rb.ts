/**
 * DSPy.rb program storage (`DSPy::Storage::ProgramStorage`, lib/dspy/storage/program_storage.rb):
 * one program per file `{program_id, saved_at, program_data: {class_name, state: {signature_class,
 * instruction, few_shot_examples}}, optimization_result, metadata: {dspy_version, ruby_version,
 * saved_with}}`, or an export bundle `{exported_at, dspy_version, programs: [<one of those>]}`.
 * Few-shot examples are `{input: {...}, output: {...}}` (FewShotExample#to_h) or flat rows.
 */
import { joinPointer } from '../../../engine/json-pointer';
import { isObject, keyOf, prop, strOrUndef, type PlainObject } from '../../model/keys';
import type { Detection, FieldInfo, ModuleInfo, Operation, ProgramFacts } from '../../model/program';
import { findSecrets } from '../../model/secrets';
import type { FormatReader } from '../kind';
import type { PortsNames } from './names';

export function detectDspyRb(v: unknown): Detection | null {
  if (!isObject(v)) return null;
  const data = prop(v, 'program_data');
  const version = strOrUndef(prop(prop(v, 'metadata'), 'dspy_version')) ?? strOrUndef(prop(v, 'dspy_version'));
  if (isObject(data) && prop(data, 'class_name') !== undefined) return version ? { confidence: 0.95, version } : { confidence: 0.85 };
  if (Array.isArray(prop(v, 'programs')) && prop(v, 'exported_at') !== undefined && version) return { confidence: 0.9, version };
  return null;
}

function fieldsOf(examples: unknown[]): FieldInfo[] {
  const first: unknown = examples.find(isObject);
  if (!isObject(first)) return [];
  const input = prop(first, 'input');
  const output = prop(first, 'output');
  if (isObject(input) || isObject(output)) {
    return [
      ...Object.keys(isObject(input) ? input : {}).map((name): FieldInfo => ({ name, nameInferred: true, role: 'input' })),
      ...Object.keys(isObject(output) ? output : {}).map((name): FieldInfo => ({ name, nameInferred: true, role: 'output' })),
    ];
  }
  return Object.keys(first).map((name): FieldInfo => ({ name, nameInferred: true, role: 'unknown' }));
}

function moduleOf(saved: PlainObject, pointer: string, fallbackId: string): ModuleInfo | undefined {
  const dataKey = keyOf(saved, 'program_data');
  const data = dataKey !== undefined ? saved[dataKey] : undefined;
  if (!isObject(data) || dataKey === undefined) return undefined;
  const stateKey = keyOf(data, 'state');
  const state = stateKey !== undefined ? data[stateKey] : undefined;
  const statePtr = joinPointer(pointer, dataKey, stateKey ?? 'state');
  const id = strOrUndef(prop(saved, 'program_id')) ?? fallbackId;
  const mod: ModuleInfo = { id, path: [id], kind: 'predict', pointer: isObject(state) ? statePtr : joinPointer(pointer, dataKey), demoCount: 0, params: {} };
  const cls = strOrUndef(prop(data, 'class_name'));
  if (cls !== undefined) mod.className = cls;
  if (!isObject(state)) return mod;
  const sigClass = strOrUndef(prop(state, 'signature_class'));
  if (sigClass !== undefined) mod.params = { signature_class: sigClass };
  mod.instructionsPointer = joinPointer(statePtr, keyOf(state, 'instruction') ?? 'instruction');
  const exKey = keyOf(state, 'few_shot_examples');
  const examples = exKey !== undefined ? state[exKey] : undefined;
  const fields = Array.isArray(examples) ? fieldsOf(examples) : [];
  const instructions = strOrUndef(prop(state, 'instruction'));
  mod.signature = { fields, ...(instructions !== undefined ? { instructions } : {}), ...(sigClass !== undefined ? { raw: sigClass } : {}) };
  if (Array.isArray(examples) && exKey !== undefined) {
    mod.demoCount = examples.length;
    mod.demosPointer = joinPointer(statePtr, exKey);
    const first: unknown = examples.find(isObject);
    if (isObject(first) && (isObject(prop(first, 'input')) || isObject(prop(first, 'output')))) {
      mod.demoShape = 'inputs-outputs';
      mod.demoParts = [keyOf(first, 'input') ?? 'input', keyOf(first, 'output') ?? 'output'];
    } else {
      mod.demoShape = 'flat';
    }
  }
  return mod;
}

export const dspyRbReader: FormatReader<PortsNames> = {
  formats: ['dspy-rb'],
  detect: (v) => detectDspyRb(v),
  analyze(value, detection): ProgramFacts<PortsNames> {
    const root = isObject(value) ? value : {};
    const modules: ModuleInfo[] = [];
    const programsKey = keyOf(root, 'programs');
    const bundle = programsKey !== undefined && Array.isArray(root[programsKey]);
    if (bundle) {
      (root[programsKey] as unknown[]).forEach((saved, i) => {
        const m = isObject(saved) ? moduleOf(saved, joinPointer('', programsKey, i), `programs[${i}]`) : undefined;
        if (m) modules.push(m);
      });
    } else {
      const m = moduleOf(root, '', 'program');
      if (m) modules.push(m);
    }
    const metadata: Record<string, unknown> = {};
    for (const k of ['saved_at', 'exported_at', 'optimization_result', 'metadata']) {
      const x = prop(root, k);
      if (x !== undefined) metadata[k] = x;
    }
    const p: ProgramFacts<PortsNames> = {
      format: 'dspy-rb',
      ecosystem: 'dspy-rb',
      formatLabel: bundle ? 'DSPy.rb program export' : 'DSPy.rb saved program',
      content: 'program',
      modules,
      metadata,
      secrets: findSecrets(value, modules),
      notes: ['DSPy.rb keeps the signature in Ruby code (signature_class): field names here come from the few-shot examples.'],
    };
    if (detection.version !== undefined) {
      p.version = detection.version;
      p.versionSource = 'metadata';
    }
    return p;
  },
  edits: {
    setInstructions(_value, _program, mod, text): Operation[] {
      return [{ op: 'add', path: mod.instructionsPointer ?? joinPointer(mod.pointer, 'instruction'), value: text }];
    },
  },
};
