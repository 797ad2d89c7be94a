/**
 * Pairs the demos of two predictors, cheapest evidence first: the same `dspy_uuid`, the same
 * content (a move when the order differs), the same input fields (a change of the outputs), and
 * last, among what is left, word similarity. Every pass but the last is a hash lookup, so 50,000
 * demos a side cost O(n); the similarity pass is quadratic and so only runs on a capped leftover.
 */
import { toDemo } from '../model/demos';
import { joinPointer } from '../../engine/json-pointer';
import type { ModuleInfo } from '../model/program';
import { canonicalText, hashText, sameMeaning } from './canonical';
import type { DemoChange, DemoCounts, DemoFieldChange, DemoMatch } from './types';

/** Pair evaluations the similarity pass may make (leftover A × leftover B). */
export const SIMILARITY_BUDGET = 250_000;
/** Word-set similarity (Jaccard) at or above which two leftover demos are the same demo, changed. */
export const SIMILARITY_THRESHOLD = 0.5;

interface Row {
  /** Field and flag values by plain name, in saved order. */
  entries: Array<[string, unknown]>;
  title: string;
}

function rowOf(raw: unknown, index: number, mod: ModuleInfo, inputs: ReadonlySet<string>): Row {
  const demo = toDemo(raw, index, joinPointer(mod.demosPointer ?? '', index), mod);
  const entries: Array<[string, unknown]> = [...demo.fields];
  for (const k of Object.keys(demo.flags)) entries.push([k, demo.flags[k]]);
  const first = demo.fields.find(([k]) => inputs.has(k)) ?? demo.fields[0];
  const text = first === undefined ? '' : typeof first[1] === 'string' ? first[1] : canonicalText(first[1]);
  const clipped = text.replace(/\s+/g, ' ').trim();
  return { entries, title: clipped.length > 80 ? clipped.slice(0, 79) + '…' : clipped };
}

function asRecord(entries: Array<[string, unknown]>, only?: ReadonlySet<string>): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of entries) if (!only || only.has(k)) o[k] = v;
  return o;
}

/** Indexes (into `seq`) of one longest strictly increasing subsequence: patience sorting, O(n log n). */
function longestIncreasing(seq: readonly number[]): Set<number> {
  const tails: number[] = [];
  const prev = new Int32Array(seq.length).fill(-1);
  for (let i = 0; i < seq.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tails[mid]!]! < seq[i]!) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  }
  const keep = new Set<number>();
  for (let i = tails.length > 0 ? tails[tails.length - 1]! : -1; i >= 0; i = prev[i]!) keep.add(i);
  return keep;
}

function wordSet(entries: Array<[string, unknown]>): Set<string> {
  const words = new Set<string>();
  for (const [k, v] of entries) {
    if (k === 'dspy_uuid' || k === 'dspy_split') continue;
    const text = typeof v === 'string' ? v : canonicalText(v);
    for (const w of text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? []) {
      words.add(`${k}:${w}`);
      if (words.size >= 2000) return words;
    }
  }
  return words;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let common = 0;
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  for (const w of small) if (large.has(w)) common++;
  return common / (a.size + b.size - common);
}

export interface DemoDiff {
  counts: DemoCounts;
  changes: DemoChange[];
  similarityCapped: boolean;
}

export interface DemoSide {
  demos: readonly unknown[];
  module: ModuleInfo;
}

export function diffDemoFields(a: Array<[string, unknown]>, b: Array<[string, unknown]>): DemoFieldChange[] {
  const ra = new Map(a);
  const rb = new Map(b);
  const out: DemoFieldChange[] = [];
  for (const [k, v] of b) {
    if (!ra.has(k)) out.push({ field: k, b: v });
    else if (!sameMeaning(ra.get(k), v)) out.push({ field: k, a: ra.get(k), b: v });
  }
  for (const [k, v] of a) if (!rb.has(k)) out.push({ field: k, a: v });
  return out;
}

export function matchDemos(a: DemoSide, b: DemoSide, inputNames: ReadonlySet<string>, tick?: (done: number) => void): DemoDiff {
  const rowsA = a.demos.map((d, i) => rowOf(d, i, a.module, inputNames));
  const rowsB = b.demos.map((d, i) => rowOf(d, i, b.module, inputNames));
  tick?.(0.3);
  const pairOfA = new Int32Array(rowsA.length).fill(-1);
  const pairOfB = new Int32Array(rowsB.length).fill(-1);
  const how = new Map<number, DemoMatch>(); // keyed by A index

  const pair = (i: number, j: number, by: DemoMatch): void => {
    pairOfA[i] = j;
    pairOfB[j] = i;
    how.set(i, by);
  };

  // 1. dspy_uuid: DSPy's own identity of an example.
  const byUuid = new Map<string, number>();
  rowsA.forEach((r, i) => {
    const u = r.entries.find(([k]) => k === 'dspy_uuid')?.[1];
    if (typeof u === 'string' && !byUuid.has(u)) byUuid.set(u, i);
  });
  if (byUuid.size > 0) {
    rowsB.forEach((r, j) => {
      const u = r.entries.find(([k]) => k === 'dspy_uuid')?.[1];
      const i = typeof u === 'string' ? byUuid.get(u) : undefined;
      if (i !== undefined && pairOfA[i] === -1) pair(i, j, 'uuid');
    });
  }

  // 2 and 3. The whole content, then the inputs only: hash buckets, each hit confirmed.
  const passes: Array<{ by: DemoMatch; only?: ReadonlySet<string> }> = [{ by: 'content' }];
  if (inputNames.size > 0) passes.push({ by: 'inputs', only: inputNames });
  for (const { by, only } of passes) {
    const buckets = new Map<number, number[]>();
    rowsA.forEach((r, i) => {
      if (pairOfA[i] !== -1) return;
      const rec = asRecord(r.entries, only);
      if (only && Object.keys(rec).length === 0) return;
      const h = hashText(canonicalText(rec));
      const list = buckets.get(h);
      if (list) list.push(i);
      else buckets.set(h, [i]);
    });
    rowsB.forEach((r, j) => {
      if (pairOfB[j] !== -1) return;
      const rec = asRecord(r.entries, only);
      if (only && Object.keys(rec).length === 0) return;
      const list = buckets.get(hashText(canonicalText(rec)));
      if (!list) return;
      const at = list.findIndex((i) => pairOfA[i] === -1 && sameMeaning(asRecord(rowsA[i]!.entries, only), rec));
      if (at === -1) return;
      pair(list[at]!, j, by);
      list.splice(at, 1);
    });
    tick?.(by === 'content' ? 0.6 : 0.75);
  }

  // 4. Similarity among the leftovers, best pairs first, within a budget.
  const leftA: number[] = [];
  const leftB: number[] = [];
  pairOfA.forEach((j, i) => j === -1 && leftA.push(i));
  pairOfB.forEach((i, j) => i === -1 && leftB.push(j));
  const similarityCapped = leftA.length * leftB.length > SIMILARITY_BUDGET;
  if (!similarityCapped && leftA.length > 0 && leftB.length > 0) {
    const wa = leftA.map((i) => wordSet(rowsA[i]!.entries));
    const wb = leftB.map((j) => wordSet(rowsB[j]!.entries));
    const scored: Array<[number, number, number]> = [];
    for (let x = 0; x < leftA.length; x++) {
      for (let y = 0; y < leftB.length; y++) {
        const s = jaccard(wa[x]!, wb[y]!);
        if (s >= SIMILARITY_THRESHOLD) scored.push([s, leftA[x]!, leftB[y]!]);
      }
    }
    scored.sort((p, q) => q[0] - p[0] || p[1] - q[1] || p[2] - q[2]);
    for (const [, i, j] of scored) if (pairOfA[i] === -1 && pairOfB[j] === -1) pair(i, j, 'similarity');
  }

  // Moves: matched pairs outside one longest run that keeps its relative order.
  const matchedA: number[] = [];
  pairOfA.forEach((j, i) => j !== -1 && matchedA.push(i));
  const inOrder = longestIncreasing(matchedA.map((i) => pairOfA[i]!));

  const counts: DemoCounts = { a: rowsA.length, b: rowsB.length, same: 0, added: 0, removed: 0, changed: 0, moved: 0 };
  const changes: DemoChange[] = [];
  matchedA.forEach((i, k) => {
    const j = pairOfA[i]!;
    const moved = !inOrder.has(k);
    const by = how.get(i)!;
    const fields = by === 'content' ? [] : diffDemoFields(rowsA[i]!.entries, rowsB[j]!.entries);
    if (fields.length > 0) {
      counts.changed++;
      if (moved) counts.moved++;
      changes.push({ change: 'changed', a: i, b: j, matchedBy: by, fields, title: rowsB[j]!.title, ...(moved ? { moved: true } : {}) });
    } else if (moved) {
      counts.moved++;
      changes.push({ change: 'moved', a: i, b: j, matchedBy: by, title: rowsB[j]!.title });
    } else counts.same++;
  });
  for (const i of leftA)
    if (pairOfA[i] === -1) {
      counts.removed++;
      changes.push({ change: 'removed', a: i, title: rowsA[i]!.title });
    }
  for (const j of leftB)
    if (pairOfB[j] === -1) {
      counts.added++;
      changes.push({ change: 'added', b: j, title: rowsB[j]!.title });
    }
  // B's order, removed ones near their old place: the order people read the new file in.
  changes.sort((p, q) => (p.b ?? p.a ?? 0) - (q.b ?? q.a ?? 0) || (p.b === undefined ? -1 : 1));
  tick?.(1);
  return { counts, changes, similarityCapped };
}
