/** An added empty demo takes the fields its module's demos use, or the signature's when there are none. */
import { describe, expect, it } from 'vitest';
import { readRepoFile } from '../../../test-support/real-fixtures';
import { analyzeProgram } from '../formats/analyze';
import { readDemos } from './demos';
import { addDemo } from './edits';
import type { Operation } from './program';
import jsonpatch from 'fast-json-patch';
import { predictorProgram } from '../../../test-support/small-program';

const json = (n: string): unknown => JSON.parse(new TextDecoder().decode(readRepoFile(n)));
const apply = (value: unknown, ops: readonly Operation[]): unknown => jsonpatch.applyPatch(structuredClone(value), ops as Operation[], true, false).newDocument;

/** A DSPy predictor whose signature has `context`, a field no saved demo stores. */
const program = (demos: unknown[]) => predictorProgram(demos, 'answer', ['context', 'question', 'answer']);

function addEmpty(value: unknown, moduleId: string): unknown {
  const p = analyzeProgram(value);
  return apply(value, addDemo(value, p, moduleId, undefined).ops);
}

describe('an added empty demo', () => {
  it('has the fields the module’s demos use, not a signature field none of them stores', () => {
    const value = program([
      { augmented: true, question: 'Who wrote Ubik?', answer: 'Philip K. Dick', tags: ['sf'] },
      { question: 'Capital of Peru?', answer: 'Lima' },
    ]);
    const next = addEmpty(value, 'answer') as { answer: { demos: unknown[] } };
    expect(next.answer.demos[2]).toEqual({ question: '', answer: '', tags: [] });
    expect(Object.keys(next.answer.demos[2] as object)).toEqual(['question', 'answer', 'tags']);
  });

  it('has the signature’s fields when the module has no demos yet', () => {
    const next = addEmpty(program([]), 'answer') as { answer: { demos: unknown[] } };
    expect(next.answer.demos[0]).toEqual({ context: '', question: '', answer: '' });
  });

  it('keeps the module’s demo shape: inputs and outputs (dspy-go)', () => {
    const value = json('fixtures/programs/dspy-go.json');
    const next = addEmpty(value, 'qa');
    const p = analyzeProgram(next);
    const [demo] = readDemos(next, p, 'qa', 2, 1);
    expect(demo?.fields).toEqual([
      ['question', ''],
      ['answer', ''],
    ]);
  });

  it('keeps Ruby symbol keys when the demos use them', () => {
    const value = json('fixtures/dspy-shapes/dspy-rb-program.json');
    const p = analyzeProgram(value);
    const mod = p.modules.find((m) => m.demoCount > 0);
    if (!mod) throw new Error('the DSPy.rb fixture has a module with demos');
    const next = apply(value, addDemo(value, p, mod.id, undefined).ops);
    const [first] = readDemos(value, p, mod.id, 0, 1);
    const [added] = readDemos(next, analyzeProgram(next), mod.id, mod.demoCount, 1);
    expect(added?.fields.map(([k]) => k)).toEqual(first?.fields.map(([k]) => k));
  });
});
