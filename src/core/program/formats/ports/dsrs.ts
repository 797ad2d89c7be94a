/** DSRs (dspy-rs) `ModuleState`: `{predictors: {name: {demos: [flat rows], instruction_override}}}`; no version field. */
import { isObject, strOrUndef } from '../../model/keys';
import { parseModuleId } from '../../model/module-tree';
import { joinPointer } from '../../../engine/json-pointer';
import type { ModuleInfo, Operation, ProgramFacts } from '../../model/program';
import { findSecrets } from '../../model/secrets';
import type { FormatReader } from '../kind';
import type { PortsNames } from './names';

export const dsrsReader: FormatReader<PortsNames> = {
  formats: ['dsrs'],
  detect(value) {
    if (!isObject(value) || !isObject(value.predictors)) return null;
    const preds = Object.values(value.predictors);
    if (preds.length === 0) return { confidence: 0.4 };
    const ok = preds.every((p) => isObject(p) && Object.keys(p).every((k) => k === 'demos' || k === 'instruction_override'));
    return ok ? { confidence: 0.85 } : null;
  },
  analyze(value): ProgramFacts<PortsNames> {
    const root = isObject(value) ? value : {};
    const preds = isObject(root.predictors) ? root.predictors : {};
    const modules: ModuleInfo[] = [];
    for (const name of Object.keys(preds)) {
      const p = preds[name];
      if (!isObject(p)) continue;
      const pointer = joinPointer('', 'predictors', name);
      const info: ModuleInfo = { id: name, path: parseModuleId(name), kind: 'predict', pointer, demoCount: 0, params: {} };
      info.instructionsPointer = joinPointer(pointer, 'instruction_override');
      const ins = strOrUndef(p.instruction_override);
      if (ins !== undefined) info.signature = { instructions: ins, fields: [] };
      if (Array.isArray(p.demos)) {
        info.demoCount = p.demos.length;
        info.demosPointer = joinPointer(pointer, 'demos');
        info.demoShape = 'flat';
      }
      modules.push(info);
    }
    return {
      format: 'dsrs',
      ecosystem: 'dsrs',
      formatLabel: 'DSRs (dspy-rs) module state',
      content: 'program',
      modules,
      metadata: {},
      secrets: findSecrets(value, modules),
      notes: ['DSRs files carry no version field; signatures live in the Rust code, not in the file.'],
    };
  },
  edits: {
    setInstructions(_value, _program, mod, text): Operation[] {
      // `instruction_override` may be absent (serde default): add covers both cases.
      return [{ op: 'add', path: mod.instructionsPointer ?? joinPointer(mod.pointer, 'instruction_override'), value: text }];
    },
  },
};
