/** Semantic versions ("1.10.0", "v2.0.0-rc1"): pre-release and build tags are ignored for ordering. */
export type SemVer = [number, number, number];

export function parseSemVer(v: string): SemVer | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(v.trim());
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

export function compareSemVer(a: SemVer, b: SemVer): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}
