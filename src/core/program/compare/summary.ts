/** The lines people read first: one per predictor, one for the whole comparison. */
import type { Comparison, PredictorComparison } from './types';

function plural(n: number, one: string, many = one + 's'): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

export function predictorSummary(p: PredictorComparison): string {
  if (p.status === 'added') return `${p.id}: added (${plural(p.demoCounts.b, 'demo')})`;
  if (p.status === 'removed') return `${p.id}: removed (${plural(p.demoCounts.a, 'demo')})`;
  const parts: string[] = [];
  if (p.aId !== undefined && p.bId !== undefined && p.aId !== p.bId) parts.push(`was ${p.aId}`);
  if (p.instructions) parts.push(`instructions changed (+${p.instructions.added} −${p.instructions.removed} words)`);
  const fields = p.fields.length;
  if (fields > 0) parts.push(`${plural(fields, 'field')} changed`);
  const d = p.demoCounts;
  const demoParts: string[] = [];
  if (d.added > 0) demoParts.push(`${d.added} added`);
  if (d.removed > 0) demoParts.push(`${d.removed} removed`);
  if (d.changed > 0) demoParts.push(`${d.changed} changed`);
  if (d.moved > 0) demoParts.push(`${d.moved} moved`);
  if (demoParts.length > 0) {
    const first = demoParts[0]!.split(' ');
    demoParts[0] = `${first[0]} ${Number(first[0]) === 1 ? 'demo' : 'demos'} ${first.slice(1).join(' ')}`;
    parts.push(...demoParts);
  }
  if (p.lm.length > 0) parts.push('lm settings changed');
  if (p.params.length > 0) parts.push(`${plural(p.params.length, 'setting')} changed`);
  if (p.status === 'same') return `${p.id}: unchanged${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
  return `${p.id}: ${parts.join(', ')}`;
}

export function comparisonSummary(c: Comparison): string {
  const count = (s: PredictorComparison['status']): number => c.predictors.filter((p) => p.status === s).length;
  const total = c.predictors.length;
  if (c.same) return `Same in meaning: ${plural(total, 'predictor')}, ${plural(c.b.demos, 'demo')}${c.eraNote ? ' (format versions differ)' : ''}.`;
  const parts = [`${count('changed')} changed`, `${count('same')} unchanged`];
  if (count('added') > 0) parts.push(`${count('added')} added`);
  if (count('removed') > 0) parts.push(`${count('removed')} removed`);
  const sum = (k: 'added' | 'removed' | 'changed' | 'moved'): number =>
    c.predictors.reduce((n, p) => n + (p.status === 'same' || p.status === 'changed' ? p.demoCounts[k] : 0), 0);
  const demos = (['added', 'removed', 'changed', 'moved'] as const).filter((k) => sum(k) > 0).map((k) => `${sum(k)} ${k}`);
  const meta = c.metadata.length > 0 ? `; ${plural(c.metadata.length, 'metadata entry', 'metadata entries')} changed` : '';
  return `${plural(total, 'predictor')}: ${parts.join(', ')}${demos.length > 0 ? `; demos: ${demos.join(', ')}` : ''}${meta}.`;
}
