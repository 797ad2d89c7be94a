/** The comparison as Markdown for a pull request: summary first, details per changed predictor. */
import type { Comparison, DemoChange, PredictorComparison, ValueChange, WordPart } from './types';

/** Demos listed per predictor; the rest are counted (a report of 50,000 demos helps nobody). */
export const MD_DEMO_LIMIT = 50;
const CELL_CHARS = 160;

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A value in a table cell: one line, pipes escaped, clipped. */
export function cell(v: unknown): string {
  if (v === undefined) return '—';
  const text = typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x)) ?? String(v));
  const clipped = text.length > CELL_CHARS ? text.slice(0, CELL_CHARS - 1) + '…' : text;
  return '`' + clipped.replace(/`/g, "'").replace(/\|/g, '\\|').replace(/\n/g, ' ') + '`';
}

function table(rows: ValueChange[], head = 'Key'): string[] {
  return [`| ${head} | A | B |`, '| --- | --- | --- |', ...rows.map((r) => `| ${r.key.replace(/\|/g, '\\|')} | ${cell(r.a)} | ${cell(r.b)} |`), ''];
}

function words(parts: WordPart[]): string {
  return parts
    .map((p) => {
      const t = escapeHtml(p.text).replace(/\n/g, '<br>');
      return p.kind === 'added' ? `<ins>${t}</ins>` : p.kind === 'removed' ? `<del>${t}</del>` : t;
    })
    .join('');
}

function demoLine(d: DemoChange): string {
  const where = d.change === 'added' ? `B#${d.b! + 1}` : d.change === 'removed' ? `A#${d.a! + 1}` : `A#${d.a! + 1} → B#${d.b! + 1}`;
  const what = d.change === 'changed' && d.moved ? 'changed, moved' : d.change;
  const fields = d.fields && d.fields.length > 0 ? ` (${d.fields.map((f) => f.field).join(', ')})` : '';
  return `- ${what} ${where}${fields}: ${d.title === '' ? '(empty)' : escapeHtml(d.title)}`;
}

function predictorSection(p: PredictorComparison): string[] {
  const out = [`### ${p.id}`, '', p.summary, ''];
  if (p.instructions) out.push('**Instructions**', '', words(p.instructions.parts), '');
  if (p.fields.length > 0) {
    out.push('**Fields**', '', '| Field | Change | A | B |', '| --- | --- | --- | --- |');
    for (const f of p.fields) {
      if (f.change !== 'changed') out.push(`| ${f.field} | ${f.change} | | |`);
      else for (const r of f.props) out.push(`| ${f.field} | ${r.key} | ${cell(r.a)} | ${cell(r.b)} |`);
    }
    out.push('');
  }
  if (p.demos.length > 0) {
    out.push('**Demos**', '', ...p.demos.slice(0, MD_DEMO_LIMIT).map(demoLine));
    if (p.demos.length > MD_DEMO_LIMIT) out.push(`- … and ${(p.demos.length - MD_DEMO_LIMIT).toLocaleString('en-US')} more`);
    if (p.similarityCapped) out.push('- (too many unmatched demos to pair by similarity: they are listed as added and removed)');
    out.push('');
  }
  if (p.lm.length > 0) out.push('**LM settings**', '', ...table(p.lm));
  if (p.params.length > 0) out.push('**Settings**', '', ...table(p.params));
  return out;
}

export function comparisonMarkdown(c: Comparison): string {
  const side = (name: string, s: Comparison['a']): string =>
    `| ${name} | ${s.label.replace(/\|/g, '\\|')} | ${s.formatLabel}${s.version ? ` ${s.version}` : ''}${s.era ? ` (era ${s.era})` : ''} | ${s.predictors} | ${s.demos.toLocaleString('en-US')} |`;
  const out = ['## Program comparison', '', '| | File | Format | Predictors | Demos |', '| --- | --- | --- | --- | --- |', side('A', c.a), side('B', c.b), ''];
  if (c.eraNote) out.push(`> ${c.eraNote}`, '');
  out.push(`**${c.summary}**`, '');
  for (const p of c.predictors) out.push(`- ${p.summary}`);
  out.push('');
  if (c.metadata.length > 0) out.push('### Metadata', '', ...table(c.metadata));
  for (const p of c.predictors) if (p.status === 'changed') out.push(...predictorSection(p));
  return (
    out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  );
}

export function comparisonJson(c: Comparison): string {
  return JSON.stringify(c, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? Array.from(v) : v), 2) + '\n';
}
