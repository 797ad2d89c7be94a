/** dspy-go `SaveProgram`: `{modules: {name: {signature, demos: [{inputs, outputs}], lm_identifier, tuned_parameters, module_type}}, metadata: {dspy_go_version}}`. */
import { isObject, strOrUndef } from '../../model/keys';
import { parseModuleId } from '../../model/module-tree';
import { joinPointer } from '../../../engine/json-pointer';
import type { Detection, FieldInfo, ModuleInfo, ProgramFacts, Signature } from '../../model/program';
import { findSecrets } from '../../model/secrets';
import type { FormatReader } from '../kind';
import type { PortsNames } from './names';

export function detectDspyGo(value: unknown): Detection | null {
  if (!isObject(value) || !isObject(value.modules)) return null;
  const version = isObject(value.metadata) ? strOrUndef(value.metadata.dspy_go_version) : undefined;
  const mods = Object.values(value.modules);
  const shaped = mods.length > 0 && mods.every((m) => isObject(m) && typeof m.module_type === 'string');
  if (version !== undefined) return { confidence: 0.95, version };
  return shaped ? { confidence: 0.7 } : null;
}

/** `Inputs:\n  - question (desc)\nOutputs:\n  - answer [type] (desc)\nInstruction: ...` — a dump, read for display only. */
export function parseGoSignature(raw: string): Signature {
  const fields: FieldInfo[] = [];
  let role: 'input' | 'output' | undefined;
  let instructions: string | undefined;
  for (const line of raw.split('\n')) {
    if (/^Inputs:/.test(line)) role = 'input';
    else if (/^Outputs:/.test(line)) role = 'output';
    else if (/^Instruction:/.test(line)) instructions = line.replace(/^Instruction:\s*/, '');
    else if (role && /^\s+-\s+/.test(line)) {
      const m = /^\s+-\s+(\S+)(?:\s+\[([^\]]*)\])?(?:\s+\((.*)\))?\s*$/.exec(line);
      if (m?.[1]) {
        const f: FieldInfo = { name: m[1], nameInferred: false, role };
        if (m[2]) f.type = m[2];
        if (m[3]) f.description = m[3];
        fields.push(f);
      }
    }
  }
  const sig: Signature = { fields, raw };
  if (instructions !== undefined) sig.instructions = instructions;
  return sig;
}

export const dspyGoReader: FormatReader<PortsNames> = {
  formats: ['dspy-go'],
  detect: (v) => detectDspyGo(v),
  analyze(value, detection): ProgramFacts<PortsNames> {
    const root = isObject(value) ? value : {};
    const mods = isObject(root.modules) ? root.modules : {};
    const modules: ModuleInfo[] = [];
    for (const name of Object.keys(mods)) {
      const m = mods[name];
      if (!isObject(m)) continue;
      const pointer = joinPointer('', 'modules', name);
      const info: ModuleInfo = { id: name, path: parseModuleId(name), kind: 'predict', pointer, demoCount: 0, params: {} };
      const mt = strOrUndef(m.module_type);
      if (mt !== undefined) info.className = mt;
      if (typeof m.signature === 'string') info.signature = { ...parseGoSignature(m.signature), pointer: joinPointer(pointer, 'signature') };
      if (Array.isArray(m.demos)) {
        info.demoCount = m.demos.length;
        info.demosPointer = joinPointer(pointer, 'demos');
        info.demoShape = 'inputs-outputs';
      }
      if (isObject(m.tuned_parameters)) {
        info.params = m.tuned_parameters;
        info.paramsPointer = joinPointer(pointer, 'tuned_parameters');
      }
      if (isObject(m.lm_identifier)) {
        info.lm = m.lm_identifier;
        info.lmPointer = joinPointer(pointer, 'lm_identifier');
      }
      modules.push(info);
    }
    const p: ProgramFacts<PortsNames> = {
      format: 'dspy-go',
      ecosystem: 'dspy-go',
      formatLabel: 'dspy-go saved program',
      content: 'program',
      modules,
      metadata: isObject(root.metadata) ? root.metadata : {},
      secrets: findSecrets(value, modules),
      notes: ['dspy-go does not reload instructions from its signature dump: edits to them are for reading only.'],
    };
    if (detection.version !== undefined) {
      p.version = detection.version;
      p.versionSource = 'metadata';
    }
    return p;
  },
};
