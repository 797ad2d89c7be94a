/**
 * PyTorch saves as programs: a state_dict, a training checkpoint dict (epoch, model_state_dict,
 * optimizer_state_dict, loss, config, version) or a whole pickled nn.Module, read from the value
 * tree pickleToValue makes; the format ('pytorch-state-dict', ...) and formatLabel name the shape.
 */
import type { DetectContext, Detection, ModuleInfo, ProgramFacts } from '../../model/program';
import type { FormatReader } from '../kind';
import type { TorchNames } from './names';
import { isNnModule, nnModuleTree } from './nn-module.ts';
import { isStateDict, stateDictModules } from './state-dict.ts';
import { asRecord, seg } from './tensor-value.ts';

export type TorchShape = 'state-dict' | 'checkpoint' | 'module';

const MODEL_KEYS = ['model_state_dict', 'state_dict', 'model', 'net', 'module', 'ema'];
const CHECKPOINT_KEYS = new Set([
  'epoch',
  'model_state_dict',
  'optimizer_state_dict',
  'optimizer',
  'loss',
  'config',
  'version',
  'step',
  'global_step',
  'scheduler',
  'args',
  'best_acc',
  'lr_scheduler',
]);

function modelKey(v: Record<string, unknown>): string | undefined {
  for (const k of MODEL_KEYS) if (Object.hasOwn(v, k) && (isStateDict(v[k]) || isNnModule(v[k]))) return k;
  return Object.keys(v).find((k) => isStateDict(v[k]));
}

export function detectTorchShape(value: unknown): TorchShape | undefined {
  if (isNnModule(value)) return 'module';
  if (isStateDict(value)) return 'state-dict';
  const r = asRecord(value);
  if (r && modelKey(r) !== undefined && Object.keys(r).some((k) => CHECKPOINT_KEYS.has(k))) return 'checkpoint';
  return undefined;
}

function optimizerSummary(v: unknown): Record<string, unknown> | undefined {
  const groups = asRecord(v)?.param_groups;
  if (!Array.isArray(groups)) return undefined;
  return {
    param_groups: groups.map((g) => {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(asRecord(g) ?? {})) out[k] = k === 'params' && Array.isArray(x) ? `${x.length} parameters` : x;
      return out;
    }),
  };
}

const scalar = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v));

/** One line for the top of the page: the facts a training script saved beside the weights. */
export function checkpointSummary(metadata: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const k of ['epoch', 'step', 'global_step', 'loss', 'best_acc', 'version']) {
    if (metadata[k] !== undefined) parts.push(`${k} ${scalar(metadata[k])}`);
  }
  for (const k of ['config', 'args']) if (metadata[k] !== undefined) parts.push(`${k} ${scalar(metadata[k])}`);
  for (const k of ['optimizer_state_dict', 'optimizer']) {
    const groups = asRecord(metadata[k])?.param_groups;
    if (!Array.isArray(groups)) continue;
    const g = groups.map((x) =>
      Object.entries(asRecord(x) ?? {})
        .map(([gk, gv]) => `${gk} ${scalar(gv)}`)
        .join(', '),
    );
    parts.push(`optimizer: ${g.map((x) => `[${x}]`).join(' ')}`);
  }
  parts.push(`model in ${scalar(metadata.model)}: ${scalar(metadata.tensors)} tensors, ${Number(metadata.parameters).toLocaleString('en-US')} parameters`);
  return `Checkpoint: ${parts.join(' · ')}`;
}

function modelModules(v: unknown, pointer: string): { modules: ModuleInfo[]; tensors: number; parameters: number } {
  if (isNnModule(v)) {
    const modules = nnModuleTree(v).map((m) => ({ ...m, pointer: pointer + m.pointer }));
    return { modules, tensors: 0, parameters: 0 };
  }
  const r = asRecord(v);
  if (r && isStateDict(r)) {
    const t = stateDictModules(r, pointer);
    return { modules: t.modules, tensors: t.tensorCount, parameters: t.parameterCount };
  }
  return { modules: [], tensors: 0, parameters: 0 };
}

export function torchProgram(value: unknown, shape: TorchShape | undefined = detectTorchShape(value)): ProgramFacts<TorchNames> | undefined {
  if (!shape) return undefined;
  const base = { ecosystem: 'pytorch' as const, content: 'program' as const, secrets: [], notes: [] as string[] };
  if (shape === 'state-dict') {
    const m = modelModules(value, '');
    return {
      ...base,
      format: 'pytorch-state-dict' as const,
      formatLabel: 'PyTorch state_dict',
      modules: m.modules,
      metadata: { tensors: m.tensors, parameters: m.parameters },
    };
  }
  if (shape === 'module') {
    const modules = nnModuleTree(value);
    return {
      ...base,
      format: 'pytorch-module' as const,
      formatLabel: `Pickled PyTorch module ${modules[0]?.className ?? ''}`.trim(),
      modules,
      metadata: {},
      notes: ['Loading this file in Python runs the code of every class it names; this view runs none.'],
    };
  }
  const r = asRecord(value) as Record<string, unknown>;
  const key = modelKey(r) as string;
  const m = modelModules(r[key], `/${seg(key)}`);
  const metadata: Record<string, unknown> = { model: key, tensors: m.tensors, parameters: m.parameters };
  for (const [k, x] of Object.entries(r)) {
    if (k === key) continue;
    if (k === 'optimizer_state_dict' || k === 'optimizer') {
      const o = optimizerSummary(x);
      if (o) metadata[k] = o;
      continue;
    }
    if (x === null || typeof x !== 'object' || k === 'config' || k === 'args') metadata[k] = x;
  }
  // A checkpoint's own `version` key is whatever the training script stored, not the file format's version.
  const program: ProgramFacts<TorchNames> = {
    ...base,
    format: 'pytorch-checkpoint',
    formatLabel: 'PyTorch training checkpoint',
    modules: m.modules,
    metadata,
    notes: [checkpointSummary(metadata)],
  };
  return program;
}

/** The one reader of the torch kind: which of the three shapes it is says the format. */
export const torchReader: FormatReader<TorchNames> = {
  formats: ['pytorch-state-dict', 'pytorch-checkpoint', 'pytorch-module'],
  detect(value: unknown, _context: DetectContext): Detection | null {
    const shape = detectTorchShape(value);
    return shape ? { confidence: shape === 'state-dict' ? 0.9 : 0.85 } : null;
  },
  analyze(value: unknown): ProgramFacts<TorchNames> {
    return torchProgram(value) as ProgramFacts<TorchNames>;
  },
};
