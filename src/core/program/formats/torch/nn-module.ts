/**
 * A whole pickled nn.Module, as pickleToValue writes it: `{$object: "pkg.Class", state: {...}}`
 * whose state holds `_parameters`, `_buffers` and `_modules` (child name -> module).
 */
import type { ModuleInfo } from '../../model/program';
import { asRecord, moduleInfo, seg, tensorLabel, tensorOf } from './tensor-value.ts';

function moduleState(v: unknown): { className: string; state: Record<string, unknown> } | undefined {
  const r = asRecord(v);
  const state = asRecord(r?.state);
  if (!r || typeof r.$object !== 'string' || !state || !asRecord(state._modules)) return undefined;
  return { className: r.$object, state };
}

export function isNnModule(v: unknown): boolean {
  return moduleState(v) !== undefined;
}

const SKIP = new Set(['_parameters', '_buffers', '_modules', '_non_persistent_buffers_set', 'training']);

export function nnModuleTree(root: unknown, maxModules = 100_000): ModuleInfo[] {
  const out: ModuleInfo[] = [];
  const visit = (v: unknown, path: string[], pointer: string) => {
    const m = moduleState(v);
    if (!m || out.length >= maxModules || path.length > 256) return;
    const params = Object.create(null) as Record<string, unknown>;
    for (const group of ['_parameters', '_buffers'] as const) {
      for (const [name, t] of Object.entries(asRecord(m.state[group]) ?? {})) {
        const s = tensorOf(t);
        params[name] = s ? tensorLabel(s) : t;
      }
    }
    // Plain settings the class keeps (in_features, inplace, ...), not hooks.
    for (const [k, x] of Object.entries(m.state)) {
      if (!SKIP.has(k) && !k.startsWith('_') && (x === null || typeof x !== 'object')) params[k] = x;
    }
    out.push(moduleInfo(path, pointer, params, m.className));
    for (const [name, child] of Object.entries(asRecord(m.state._modules) ?? {})) {
      visit(child, [...path, name], `${pointer}/state/_modules/${seg(name)}`);
    }
  };
  visit(root, [], '');
  return out;
}
