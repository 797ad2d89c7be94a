/**
 * Two analysed programs, compared by meaning: predictors paired by path (across eras too), then by
 * signature; within each, instructions, fields, demos, lm and settings. Pure: values in, plain data
 * out, so the page runs it in a worker and the CLI in Node.
 */
import { getAt } from '../../engine/json-pointer';
import type { FieldInfo, ModuleInfo, Program } from '../model/program';
import { flatten, canonicalText, sameMeaning } from './canonical';
import { matchDemos } from './match-demos';
import { wordDiff } from './words';
import { comparisonSummary, predictorSummary } from './summary';
import type { Comparison, CompareProgress, DemoCounts, FieldRow, PredictorComparison, SideInfo, ValueChange } from './types';

export interface CompareSide {
  value: unknown;
  program: Program;
  label: string;
  recipe?: string;
}

export interface CompareOptions {
  onProgress?: (p: CompareProgress) => void;
}

/** `generate_answer` (DSPy ≤ 2.5) and `generate_answer.predict` (2.6+) are one predictor. */
function eraPath(id: string): string {
  return id.endsWith('.predict') ? id.slice(0, -'.predict'.length) : id;
}

function signatureKey(m: ModuleInfo): string | undefined {
  const fields = m.signature?.fields;
  if (!fields || fields.length === 0) return undefined;
  return canonicalText({ fields: fields.map((f) => f.name).sort(), instructions: m.signature?.instructions ?? '' });
}

function fieldNamesKey(m: ModuleInfo): string | undefined {
  const fields = m.signature?.fields;
  return fields && fields.length > 0 ? canonicalText(fields.map((f) => `${f.role}:${f.name}`).sort()) : undefined;
}

type Pairing = Array<{ a?: ModuleInfo; b?: ModuleInfo; by?: PredictorComparison['matchedBy'] }>;

export function pairModules(a: readonly ModuleInfo[], b: readonly ModuleInfo[]): Pairing {
  const takenA = new Set<ModuleInfo>();
  const partner = new Map<ModuleInfo, { a: ModuleInfo; by: NonNullable<PredictorComparison['matchedBy']> }>();
  const pass = (key: (m: ModuleInfo) => string | undefined, by: NonNullable<PredictorComparison['matchedBy']>): void => {
    const index = new Map<string, ModuleInfo[]>();
    for (const m of a) {
      if (takenA.has(m)) continue;
      const k = key(m);
      if (k === undefined) continue;
      index.set(k, [...(index.get(k) ?? []), m]);
    }
    for (const m of b) {
      if (partner.has(m)) continue;
      const k = key(m);
      const list = k === undefined ? undefined : index.get(k);
      // A key shared by several modules is no evidence of which is which.
      if (!list || list.length !== 1 || b.filter((x) => !partner.has(x) && key(x) === k).length !== 1) continue;
      const match = list[0]!;
      if (takenA.has(match)) continue;
      takenA.add(match);
      partner.set(m, { a: match, by });
    }
  };
  pass((m) => m.id, 'path');
  pass((m) => eraPath(m.id), 'era-path');
  pass(signatureKey, 'signature');
  pass(fieldNamesKey, 'signature');
  const out: Pairing = [];
  for (const m of b) {
    const p = partner.get(m);
    out.push(p ? { a: p.a, b: m, by: p.by } : { b: m });
  }
  // Removed modules go where they stood in A, after the B module that followed them there.
  a.forEach((m, i) => {
    if (takenA.has(m)) return;
    const prev = a
      .slice(0, i)
      .reverse()
      .find((x) => takenA.has(x));
    const at = prev ? out.findIndex((p) => p.a === prev) + 1 : 0;
    out.splice(at, 0, { a: m });
  });
  return out;
}

export function diffTables(a: unknown, b: unknown, skip: ReadonlySet<string> = new Set()): ValueChange[] {
  const fa = flatten(a ?? {});
  const fb = flatten(b ?? {});
  const rows: ValueChange[] = [];
  for (const [k, v] of fb) {
    if (skip.has(k) || k === '') continue;
    if (!fa.has(k)) {
      if (v !== null && v !== undefined) rows.push({ key: k, b: v });
    } else if (!sameMeaning(fa.get(k), v)) rows.push({ key: k, a: fa.get(k), b: v });
  }
  for (const [k, v] of fa) if (!skip.has(k) && k !== '' && !fb.has(k) && v !== null && v !== undefined) rows.push({ key: k, a: v });
  return rows;
}

const FIELD_PROPS = ['name', 'role', 'prefix', 'description', 'type'] as const;

function fieldProp(f: FieldInfo, p: (typeof FIELD_PROPS)[number]): unknown {
  return f[p];
}

export function diffFields(a: readonly FieldInfo[], b: readonly FieldInfo[]): FieldRow[] {
  const byName = new Map(a.map((f, i) => [f.name, i]));
  const usedA = new Set<number>();
  const pairs: Array<[number | undefined, number]> = b.map((f, j) => {
    const i = byName.get(f.name);
    if (i !== undefined && !usedA.has(i)) {
      usedA.add(i);
      return [i, j];
    }
    return [undefined, j];
  });
  // A renamed field keeps its place: pair the leftovers at the same position.
  for (const p of pairs) {
    if (p[0] === undefined && p[1] < a.length && !usedA.has(p[1]) && !b.some((f) => f.name === a[p[1]]!.name)) {
      usedA.add(p[1]);
      p[0] = p[1];
    }
  }
  const rows: FieldRow[] = [];
  for (const [i, j] of pairs) {
    const fb = b[j]!;
    if (i === undefined) {
      rows.push({ field: fb.name, change: 'added', props: [] });
      continue;
    }
    const fa = a[i]!;
    const props: ValueChange[] = [];
    for (const p of FIELD_PROPS) {
      const va = fieldProp(fa, p);
      const vb = fieldProp(fb, p);
      if (!sameMeaning(va, vb)) props.push({ key: p, ...(va !== undefined ? { a: va } : {}), ...(vb !== undefined ? { b: vb } : {}) });
    }
    if (props.length > 0) rows.push({ field: fb.name, change: 'changed', props });
  }
  a.forEach((f, i) => usedA.has(i) || rows.push({ field: f.name, change: 'removed', props: [] }));
  return rows;
}

function demosOf(value: unknown, m: ModuleInfo | undefined): unknown[] {
  if (!m || m.demosPointer === undefined) return [];
  const arr = getAt(value, m.demosPointer);
  return Array.isArray(arr) ? arr : [];
}

function sideInfo(s: CompareSide): SideInfo {
  const info: SideInfo = {
    label: s.label,
    formatLabel: s.program.formatLabel,
    predictors: s.program.modules.length,
    demos: s.program.modules.reduce((n, m) => n + m.demoCount, 0),
  };
  if (s.recipe !== undefined) info.recipe = s.recipe;
  if (s.program.era !== undefined) info.era = s.program.era;
  if (s.program.eraLabel !== undefined) info.eraLabel = s.program.eraLabel;
  if (s.program.version !== undefined) info.version = s.program.version;
  return info;
}

function describe(s: SideInfo): string {
  const version = s.version !== undefined ? ` ${s.version}` : '';
  return `${s.formatLabel}${version}${s.era !== undefined ? ` (era ${s.era})` : ''}`;
}

function comparePredictor(
  A: CompareSide,
  B: CompareSide,
  ma: ModuleInfo | undefined,
  mb: ModuleInfo | undefined,
  by: PredictorComparison['matchedBy'],
  tick: (f: number) => void,
): PredictorComparison {
  const id = (mb ?? ma)!.id;
  const demosA = demosOf(A.value, ma);
  const demosB = demosOf(B.value, mb);
  const inputs = new Set<string>();
  for (const f of [...(ma?.signature?.fields ?? []), ...(mb?.signature?.fields ?? [])]) if (f.role === 'input') inputs.add(f.name);
  const emptyCounts = (): DemoCounts => ({ a: demosA.length, b: demosB.length, same: 0, added: demosB.length, removed: demosA.length, changed: 0, moved: 0 });
  const result: PredictorComparison = { id, status: 'same', fields: [], demoCounts: emptyCounts(), demos: [], lm: [], params: [], summary: '' };
  if (ma) result.aId = ma.id;
  if (mb) result.bId = mb.id;
  if (by) result.matchedBy = by;
  if (!ma || !mb) {
    result.status = ma ? 'removed' : 'added';
    result.demoCounts = { a: demosA.length, b: demosB.length, same: 0, added: 0, removed: 0, changed: 0, moved: 0 };
    result.summary = predictorSummary(result);
    tick(1);
    return result;
  }
  const ia = ma.signature?.instructions ?? '';
  const ib = mb.signature?.instructions ?? '';
  if (ia !== ib) result.instructions = wordDiff(ia, ib);
  result.fields = diffFields(ma.signature?.fields ?? [], mb.signature?.fields ?? []);
  const d = matchDemos({ demos: demosA, module: ma }, { demos: demosB, module: mb }, inputs, tick);
  result.demoCounts = d.counts;
  result.demos = d.changes;
  if (d.similarityCapped) result.similarityCapped = true;
  result.lm = diffTables(ma.lm, mb.lm);
  result.params = diffTables(ma.params, mb.params);
  const changed = result.instructions !== undefined || result.fields.length > 0 || d.changes.length > 0 || result.lm.length > 0 || result.params.length > 0;
  result.status = changed ? 'changed' : 'same';
  result.summary = predictorSummary(result);
  return result;
}

export function comparePrograms(A: CompareSide, B: CompareSide, options: CompareOptions = {}): Comparison {
  const a = sideInfo(A);
  const b = sideInfo(B);
  const eraDiffers = a.formatLabel !== b.formatLabel || a.era !== b.era || a.version !== b.version;
  const pairs = pairModules(A.program.modules, B.program.modules);
  const weight = (p: Pairing[number]): number => 1 + (p.a?.demoCount ?? 0) + (p.b?.demoCount ?? 0);
  const total = pairs.reduce((n, p) => n + weight(p), 0);
  let done = 0;
  const predictors = pairs.map((p) => {
    const w = weight(p);
    const stage = `Comparing ${(p.b ?? p.a)!.id}`;
    const tick = (f: number): void => options.onProgress?.({ fraction: (done + w * f) / total, stage });
    tick(0);
    const r = comparePredictor(A, B, p.a, p.b, p.by, tick);
    done += w;
    return r;
  });
  // The version line reports the DSPy version once; the metadata table does not repeat it.
  const skip = new Set(eraDiffers ? ['dependency_versions.dspy', 'version'] : []);
  const metadata = diffTables(A.program.metadata, B.program.metadata, skip);
  const same = metadata.length === 0 && predictors.every((p) => p.status === 'same');
  const result: Comparison = { a, b, same, predictors, metadata, summary: '' };
  if (eraDiffers) result.eraNote = `Different format versions: A is ${describe(a)}, B is ${describe(b)}.`;
  result.summary = comparisonSummary(result);
  return result;
}
