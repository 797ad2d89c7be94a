/**
 * A state_dict (dotted keys -> tensors) as a module tree: "encoder.0.weight" is the parameter
 * `weight` of module `0` under `encoder`. Modules appear in the order their first key is saved.
 */
import type { ModuleInfo } from '../../model/program';
import { moduleInfo, tensorLabel, tensorOf } from './tensor-value.ts';

export function isStateDict(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const values = Object.values(v);
  return values.length > 0 && values.every((x) => tensorOf(x) !== undefined);
}

export interface StateDictTree {
  modules: ModuleInfo[];
  tensorCount: number;
  /** Elements over all tensors. */
  parameterCount: number;
}

/**
 * `pointer` is where the state_dict sits in the value tree ('' at the root); every module points
 * at it, since a state_dict keeps a module's tensors under flat dotted keys, not in one object.
 */
export function stateDictModules(stateDict: Record<string, unknown>, pointer: string): StateDictTree {
  const byId = new Map<string, ModuleInfo>();
  const modules: ModuleInfo[] = [];
  let tensorCount = 0;
  let parameterCount = 0;
  const ensure = (path: string[]): ModuleInfo => {
    const id = path.length ? path.join('.') : 'self';
    let m = byId.get(id);
    if (!m) {
      if (path.length) ensure(path.slice(0, -1));
      m = moduleInfo(path, pointer, Object.create(null) as Record<string, unknown>);
      byId.set(id, m);
      modules.push(m);
    }
    return m;
  };
  for (const [key, value] of Object.entries(stateDict)) {
    const t = tensorOf(value);
    if (!t) continue;
    tensorCount++;
    parameterCount += t.shape.reduce((a, b) => a * b, 1);
    const parts = key.split('.');
    const name = parts.pop() as string;
    const m = ensure(parts);
    m.params[name] = tensorLabel(t);
  }
  return { modules, tensorCount, parameterCount };
}
