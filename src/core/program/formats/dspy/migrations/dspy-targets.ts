/**
 * What each DSPy target writes (notes §1.1, §1.6, §1.8, §2): its layout era and the
 * `metadata.dependency_versions` values that era wrote (2.5.43 full micro versions; 2.6+ major.minor
 * for python and cloudpickle).
 */
import type { DspyEra } from '../eras';
import type { MigrationTarget } from '../../../model/migration';

export interface DspyTarget extends MigrationTarget {
  era: DspyEra;
  dependencyVersions: { python: string; dspy: string; cloudpickle: string };
}

export const DSPY_TARGETS: readonly DspyTarget[] = [
  {
    id: '3.x',
    version: '3.3.1',
    label: 'DSPy 3.x (3.3.1)',
    era: 'F',
    dependencyVersions: { python: '3.12', dspy: '3.3.1', cloudpickle: '3.1' },
  },
  {
    id: '2.6.x',
    version: '2.6.27',
    label: 'DSPy 2.6.x (2.6.27)',
    era: 'F',
    dependencyVersions: { python: '3.12', dspy: '2.6.27', cloudpickle: '3.1' },
  },
  {
    id: '2.5.x',
    version: '2.5.43',
    label: 'DSPy 2.5.x (2.5.43)',
    era: 'D',
    dependencyVersions: { python: '3.11.10', dspy: '2.5.43', cloudpickle: '3.1.1' },
  },
];

export const DEFAULT_DSPY_TARGET = DSPY_TARGETS[0] as DspyTarget;

const ERA_RANK: Record<DspyEra, number> = { A: 0, B: 1, C: 2, D: 3, E: 4, F: 5 };

export function eraRank(era: DspyEra): number {
  return ERA_RANK[era];
}

/** "3.x", "3.3.1", and loosely "3", "3.1.3" (→ 3.x), "2.6" (→ 2.6.x), "2.5.20" (→ 2.5.x). */
export function dspyTargetById(id: string): DspyTarget | undefined {
  const exact = DSPY_TARGETS.find((t) => t.id === id || t.version === id);
  if (exact) return exact;
  const m = /^(\d+)(?:\.(\d+))?/.exec(id.trim());
  if (!m) return undefined;
  const line = m[1] === '3' ? '3.x' : m[2] !== undefined ? `${m[1]}.${m[2]}.x` : undefined;
  return DSPY_TARGETS.find((t) => t.id === line);
}

/** Targets at or after the file's era: migrating down (2.6 layout back to 2.5) is not offered. */
export function dspyTargetsFor(era: DspyEra | undefined): DspyTarget[] {
  if (era === undefined) return [...DSPY_TARGETS];
  return DSPY_TARGETS.filter((t) => eraRank(t.era) >= eraRank(era));
}
