/**
 * Two checkpoints side by side: per module, whether the instructions changed and how many demos
 * were added, removed or changed. Demos are matched like the history diff matches arrays: the
 * common head and tail are unchanged, the middle pairs up as changed, the rest is added or removed.
 */
import { analyzeProgram } from '../formats/analyze';
import { deepEqual } from '../model/deep-equal';
import { getAt } from '../../engine/json-pointer';
import type { ModuleInfo } from '../model/program';
import { commonEnds } from '../model/common-ends';

export interface ModuleComparison {
  id: string;
  /** 'both', or the one side the module is in. */
  presence: 'both' | 'only-a' | 'only-b';
  instructionsA?: string;
  instructionsB?: string;
  instructionsChanged: boolean;
  demosA: number;
  demosB: number;
  demosAdded: number;
  demosRemoved: number;
  demosChanged: number;
}

export interface CheckpointComparison {
  modules: ModuleComparison[];
  /** Modules whose instructions differ. */
  instructionsChanged: number;
  demosAdded: number;
  demosRemoved: number;
  demosChanged: number;
  /** True when the two programs are the same value. */
  identical: boolean;
}

function demosOf(value: unknown, m: ModuleInfo | undefined): unknown[] {
  if (!m?.demosPointer) return [];
  const arr = getAt(value, m.demosPointer);
  return Array.isArray(arr) ? arr : [];
}

export function compareDemos(a: readonly unknown[], b: readonly unknown[]): { added: number; removed: number; changed: number } {
  const { head, tail } = commonEnds(a, b);
  const aMid = a.length - head - tail;
  const bMid = b.length - head - tail;
  const common = Math.min(aMid, bMid);
  let changed = 0;
  for (let i = 0; i < common; i++) if (!deepEqual(a[head + i], b[head + i])) changed++;
  return { added: bMid - common, removed: aMid - common, changed };
}

export function compareCheckpoints(a: unknown, b: unknown): CheckpointComparison {
  const pa = analyzeProgram(a);
  const pb = analyzeProgram(b);
  const byIdA = new Map(pa.modules.map((m) => [m.id, m]));
  const byIdB = new Map(pb.modules.map((m) => [m.id, m]));
  const ids = [...pa.modules.map((m) => m.id), ...pb.modules.map((m) => m.id).filter((id) => !byIdA.has(id))];
  const modules = ids.map((id): ModuleComparison => {
    const ma = byIdA.get(id);
    const mb = byIdB.get(id);
    const demosA = demosOf(a, ma);
    const demosB = demosOf(b, mb);
    const d = compareDemos(demosA, demosB);
    const ia = ma?.signature?.instructions;
    const ib = mb?.signature?.instructions;
    return {
      id,
      presence: ma && mb ? 'both' : ma ? 'only-a' : 'only-b',
      ...(ia !== undefined ? { instructionsA: ia } : {}),
      ...(ib !== undefined ? { instructionsB: ib } : {}),
      instructionsChanged: ia !== ib,
      demosA: demosA.length,
      demosB: demosB.length,
      demosAdded: d.added,
      demosRemoved: d.removed,
      demosChanged: d.changed,
    };
  });
  const sum = (f: (m: ModuleComparison) => number) => modules.reduce((n, m) => n + f(m), 0);
  return {
    modules,
    instructionsChanged: modules.filter((m) => m.instructionsChanged).length,
    demosAdded: sum((m) => m.demosAdded),
    demosRemoved: sum((m) => m.demosRemoved),
    demosChanged: sum((m) => m.demosChanged),
    identical: deepEqual(a, b),
  };
}

/** The whole program as JSON text for a side-by-side view (bigints as strings, bytes as a note). */
export function programText(value: unknown): string {
  return (
    JSON.stringify(
      value,
      (_k, v: unknown) => {
        if (typeof v === 'bigint') return v.toString();
        if (v instanceof Uint8Array) return `<${v.length} bytes>`;
        return v;
      },
      2,
    ) ?? 'null'
  );
}
