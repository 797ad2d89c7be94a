import { describe, expect, it } from 'vitest';
import { analyzeProgram } from '../formats/analyze';
import { applyWithInverse } from '../model/patch';
import { readRepoFile } from '../../../test-support/real-fixtures';
import { comparePrograms, type CompareSide } from './compare';
import { takeEdit } from './take';

const side = (value: unknown, label: string): CompareSide => ({ value, program: analyzeProgram(value), label });

describe('takeEdit', () => {
  const base = JSON.parse(new TextDecoder().decode(readRepoFile('fixtures/pickle/dspy-state.json'))) as Record<
    string,
    { demos: Array<Record<string, unknown>>; signature: { instructions: string } }
  >;
  const other = structuredClone(base);
  other['generate.predict']!.signature.instructions = 'Answer tersely.';
  other['generate.predict']!.demos[1]!['answer'] = 'Paris, France';
  other['generate.predict']!.demos.push({ question: 'Largest ocean?', answer: 'Pacific' });
  const A = side(base, 'a.json');
  const B = side(other, 'b.json');

  it('takes instructions and demos across until the two compare the same, each as one reversible edit', () => {
    const c = comparePrograms(A, B).predictors[0]!;
    const changed = c.demos.find((d) => d.change === 'changed')!;
    const added = c.demos.find((d) => d.change === 'added')!;
    let value: unknown = A.value;
    for (const take of [
      { kind: 'instructions' as const, aId: c.aId!, bId: c.bId! },
      { kind: 'demo' as const, aId: c.aId!, bId: c.bId!, b: changed.b!, a: changed.a! },
      { kind: 'demo' as const, aId: c.aId!, bId: c.bId!, b: added.b! },
    ]) {
      const cur = side(value, 'a.json');
      const edit = takeEdit(cur, B, take);
      const next = applyWithInverse(value, edit.ops).value;
      expect(applyWithInverse(next, edit.inverse).value).toEqual(value);
      value = next;
    }
    expect(comparePrograms(side(value, 'a.json'), B).same).toBe(true);
    expect(base['generate.predict']!.demos).toHaveLength(2); // the original value is never mutated
  });
});
