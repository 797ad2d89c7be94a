/** DSPy state JSON layout eras (see docs/program-model.md): keys and key order tell them apart. */

export type DspyEra = 'A' | 'B' | 'C' | 'D' | 'E' | 'F';

export const ERA_RANGES: Record<DspyEra, string> = {
  A: 'dspy-ai ≤ 2.3.x',
  B: '2.4.3 – 2.5.5',
  C: '2.5.6 – 2.5.42',
  D: '2.5.43',
  E: '2.6.0 – 2.6.8',
  F: '2.6.9 – 3.3.x',
};

export function eraLabel(era: DspyEra): string {
  return era === 'A' ? `era A: ${ERA_RANGES.A}` : `era ${era}: DSPy ${ERA_RANGES[era]}`;
}

/** "3.0.0b2" -> [3,0,0]; pre-release tags count as their base release. */
export function parseVersion(v: string): [number, number, number] | undefined {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(v.trim());
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
}

function cmp(a: [number, number, number], b: [number, number, number]): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

export function eraOfVersion(version: string): DspyEra | undefined {
  const v = parseVersion(version);
  if (!v) return undefined;
  if (cmp(v, [2, 4, 3]) < 0) return 'A';
  if (cmp(v, [2, 5, 6]) < 0) return 'B';
  if (cmp(v, [2, 5, 43]) < 0) return 'C';
  if (cmp(v, [2, 6, 0]) < 0) return 'D';
  if (cmp(v, [2, 6, 9]) < 0) return 'E';
  return 'F';
}
