/**
 * What `inspect` says about a decoded file beyond its layers: the program it holds (format, era,
 * modules with demo counts) and, for pickles, the safety report, shown before anything else.
 */
import { analyzeProgram } from '../core/program/formats/analyze.ts';
import { buildModuleTree } from '../core/program/model/module-tree.ts';
import type { ModuleTreeNode, Program } from '../core/program/model/program.ts';
import type { Recipe } from '../core/engine/layers/recipe.ts';

interface SafetyCall {
  text: string;
  grade: string;
  offset: number;
  member?: string;
}
interface SafetyGlobal {
  module: string;
  name: string;
  grade: string;
  count: number;
  member?: string;
}
interface SafetyMember {
  name: string;
  verdict: string;
  loaded: boolean;
}
export interface SafetySummary {
  verdict: 'safe' | 'unknown' | 'dangerous' | string;
  globals: SafetyGlobal[];
  calls: SafetyCall[];
  signals?: string[];
  members?: SafetyMember[];
}

export function safetyOf(recipe: Recipe): SafetySummary | undefined {
  const step = recipe.find((s) => s.layer === 'pickle');
  const safety = step?.options.safety as SafetySummary | undefined;
  return safety && typeof safety.verdict === 'string' ? safety : undefined;
}

export function safetyLines(safety: SafetySummary): string[] {
  const verdict =
    safety.verdict === 'dangerous'
      ? 'DANGEROUS: loading this in Python runs code'
      : safety.verdict === 'safe'
        ? 'safe: plain data types only'
        : 'unknown classes: loading this in Python runs their code';
  const lines = [`safety:  ${verdict} (nothing was run here)`];
  const inMember = (m: string | undefined) => (m ? ` in ${m}` : '');
  for (const m of safety.members ?? [])
    lines.push(`  pickle ${m.name}: ${m.verdict}${m.loaded ? '' : " (not what the file's loader reads first, graded all the same)"}`);
  for (const g of safety.globals) lines.push(`  imports ${g.module}.${g.name} [${g.grade}]${g.count > 1 ? ` ×${g.count}` : ''}${inMember(g.member)}`);
  for (const c of safety.calls.filter((c) => c.grade !== 'safe')) lines.push(`  would call ${c.text} at byte ${c.offset}${inMember(c.member)} [${c.grade}]`);
  if (safety.verdict !== 'safe') for (const s of safety.signals ?? []) lines.push(`  signal: ${s}`);
  return lines;
}

function treeLines(nodes: ModuleTreeNode[], depth: number, out: string[]): void {
  for (const node of nodes) {
    const m = node.module;
    const label = m ? `${node.segment} (${m.kind}${m.demoCount ? `, ${m.demoCount} demos` : ''})` : node.segment;
    out.push(`${'  '.repeat(depth + 1)}${label}`);
    treeLines(node.children, depth + 1, out);
  }
}

export function programLines(program: Program): string[] {
  const version = program.version ? ` ${program.version}${program.versionSource === 'inferred' ? ' (inferred)' : ''}` : '';
  const lines = [`program: ${program.formatLabel}${version}${program.eraLabel ? `, ${program.eraLabel}` : ''}`];
  const demos = program.modules.reduce((n, m) => n + m.demoCount, 0);
  if (program.modules.length > 0) {
    lines.push(`modules: ${program.modules.length}, ${demos} demos`);
    treeLines(buildModuleTree(program.modules), 0, lines);
  }
  for (const s of program.secrets) lines.push(`secret:  ${s.key} at ${s.pointer}`);
  for (const n of program.notes) lines.push(`note:    ${n}`);
  return lines;
}

export function programJson(program: Program) {
  return {
    format: program.formatLabel,
    ecosystem: program.ecosystem,
    version: program.version,
    era: program.era,
    modules: program.modules.map((m) => ({ id: m.id, kind: m.kind, demos: m.demoCount, fields: m.signature?.fields.map((f) => f.name) })),
    secrets: program.secrets.map((s) => s.pointer),
    notes: program.notes,
  };
}

export { analyzeProgram };
