/**
 * ax (TypeScript DSPy) optimized programs (`AxOptimizedProgram` saved as JSON): `{instruction,
 * demos: [{traces: [flat rows], programId}], modelConfig, optimizerType, bestScore, optimizationTime,
 * totalRounds, converged, stats, ...}`; newer saves carry `artifactVersion: "axir-..."`. Each demo
 * group is the demos of one program in the tree (`programId`); the instruction is the root's.
 */
import { joinPointer } from '../../../engine/json-pointer';
import { isObject, strOrUndef } from '../../model/keys';
import { parseModuleId } from '../../model/module-tree';
import type { Detection, FieldInfo, ModuleInfo, Operation, ProgramFacts } from '../../model/program';
import { findSecrets } from '../../model/secrets';
import type { FormatReader } from '../kind';
import type { PortsNames } from './names';

export function detectAx(v: unknown): Detection | null {
  if (!isObject(v)) return null;
  const av = strOrUndef(v.artifactVersion);
  if (av?.startsWith('axir-')) return { confidence: 0.95, version: av };
  if ('optimizerType' in v && ('bestScore' in v || 'componentMap' in v)) {
    const fv = v.artifactFormatVersion ?? v.version;
    return typeof fv === 'number' || typeof fv === 'string' ? { confidence: 0.85, version: String(fv) } : { confidence: 0.85 };
  }
  return null;
}

const META_KEYS = [
  'optimizerType',
  'bestScore',
  'optimizationTime',
  'totalRounds',
  'converged',
  'stats',
  'timestamp',
  'version',
  'artifactVersion',
  'artifactFormatVersion',
];

function fieldsOf(rows: unknown[]): FieldInfo[] {
  const first: unknown = rows.find(isObject);
  return isObject(first) ? Object.keys(first).map((name): FieldInfo => ({ name, nameInferred: false, role: 'unknown' })) : [];
}

export const axReader: FormatReader<PortsNames> = {
  formats: ['ax'],
  detect: (v) => detectAx(v),
  analyze(value, detection): ProgramFacts<PortsNames> {
    const root = isObject(value) ? value : {};
    const instructions = strOrUndef(root.instruction);
    const modules: ModuleInfo[] = [];
    const groups = Array.isArray(root.demos) ? root.demos : [];
    groups.forEach((g: unknown, i) => {
      if (!isObject(g) || !Array.isArray(g.traces)) return;
      const id = strOrUndef(g.programId) ?? `demos[${i}]`;
      const pointer = joinPointer('', 'demos', i);
      modules.push({
        id,
        path: parseModuleId(id),
        kind: 'predict',
        pointer,
        demoCount: g.traces.length,
        demosPointer: joinPointer(pointer, 'traces'),
        demoShape: 'flat',
        params: {},
        signature: { fields: fieldsOf(g.traces) },
      });
    });
    // The instruction belongs to the root program: the `root` group, else the first, else a module of its own.
    let owner = modules.find((m) => m.id === 'root') ?? modules[0];
    if (!owner) {
      owner = { id: 'root', path: ['root'], kind: 'predict', pointer: '', demoCount: 0, params: {}, signature: { fields: [] } };
      modules.push(owner);
    }
    owner.instructionsPointer = '/instruction';
    if (owner.signature && instructions !== undefined) owner.signature.instructions = instructions;
    if (isObject(root.modelConfig)) {
      owner.params = root.modelConfig;
      owner.paramsPointer = '/modelConfig';
    }
    const metadata: Record<string, unknown> = {};
    for (const k of META_KEYS) if (k in root) metadata[k] = root[k];
    const p: ProgramFacts<PortsNames> = {
      format: 'ax',
      ecosystem: 'ax',
      formatLabel: 'Ax optimized program',
      content: 'program',
      modules,
      metadata,
      secrets: findSecrets(value, modules),
      notes: ['ax keeps the signature in code; field names here come from the demo traces.'],
    };
    if (detection.version !== undefined) p.version = detection.version;
    return p;
  },
  edits: {
    setInstructions(_value, _program, _mod, text): Operation[] {
      return [{ op: 'add', path: '/instruction', value: text }];
    },
  },
};
