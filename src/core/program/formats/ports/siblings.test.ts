/** DSPy.rb and ax program files (fixtures/dspy-shapes/, scripts/make-dspy-shapes-fixtures.py) open as programs and edit in their own format. */
import { describe, expect, it } from 'vitest';
import { readRepoFile } from '../../../../test-support/real-fixtures';
import { readDemos } from '../../model/demos';
import { addDemo, setDemoField } from '../../model/edits';
import { setInstructions } from '../kind-edits';
import { applyWithInverse } from '../../model/patch';
import { analyzeProgram } from '../analyze';

const load = (name: string): unknown => JSON.parse(new TextDecoder().decode(readRepoFile(`fixtures/dspy-shapes/${name}`)));

describe('DSPy.rb', () => {
  it('a saved program opens with its instruction and input/output examples, and edits stay in its shape', () => {
    const value = load('dspy-rb-program.json');
    const p = analyzeProgram(value);
    expect([p.format, p.formatLabel, p.version]).toEqual(['dspy-rb', 'DSPy.rb saved program', '0.30.1']);
    expect(p.modules.map((m) => [m.id, m.className, m.demoCount])).toEqual([['qa-2026-03-02-7f3a', 'DSPy::Predict', 2]]);
    const mod = p.modules[0];
    expect(mod?.signature?.instructions).toBe('Answer the question in one short sentence.');
    expect(mod?.signature?.fields.map((f) => [f.name, f.role])).toEqual([
      ['question', 'input'],
      ['answer', 'output'],
    ]);
    expect(readDemos(value, p, 'qa-2026-03-02-7f3a', 0, 1)[0]?.fields).toEqual([
      ['question', 'When was the Eiffel Tower completed?'],
      ['answer', '1889'],
    ]);

    const e1 = setInstructions(value, p, 'qa-2026-03-02-7f3a', 'Answer in one word.');
    const v1 = applyWithInverse(value, e1.ops).value as { program_data: { state: { instruction: string; few_shot_examples: unknown[] } } };
    expect(v1.program_data.state.instruction).toBe('Answer in one word.');
    const p1 = analyzeProgram(v1);
    const e2 = setDemoField(v1, p1, 'qa-2026-03-02-7f3a', 1, 'answer', 'Eiffel');
    const v2 = applyWithInverse(v1, e2.ops).value as typeof v1;
    expect(v2.program_data.state.few_shot_examples[1]).toEqual({ input: { question: 'Who designed it?' }, output: { answer: 'Eiffel' } });
    const e3 = addDemo(v2, analyzeProgram(v2), 'qa-2026-03-02-7f3a', { question: 'Where?', answer: 'Paris' });
    const v3 = applyWithInverse(v2, e3.ops).value as typeof v1;
    expect(v3.program_data.state.few_shot_examples[2]).toEqual({ input: { question: 'Where?' }, output: { answer: 'Paris' } });
  });

  it('an export bundle opens with one module per program', () => {
    const p = analyzeProgram(load('dspy-rb-export.json'));
    expect(p.formatLabel).toBe('DSPy.rb program export');
    expect(p.modules.map((m) => [m.id, m.pointer, m.signature?.instructions])).toEqual([
      ['qa-2026-03-02-7f3a', '/programs/0/program_data/state', 'Answer the question in one short sentence.'],
      ['summarize-2026-03-02-91c2', '/programs/1/program_data/state', 'Summarize the passage.'],
    ]);
  });
});

describe('ax', () => {
  it('an optimized program opens with its instruction, demos and model config, and edits in place', () => {
    const value = load('ax-program.json');
    const p = analyzeProgram(value);
    expect([p.format, p.formatLabel, p.version]).toEqual(['ax', 'Ax optimized program', '2.0']);
    expect(p.metadata).toMatchObject({ optimizerType: 'MiPRO', bestScore: 0.91, converged: true });
    const root = p.modules[0];
    expect([root?.id, root?.demoCount, root?.signature?.instructions, root?.params]).toEqual([
      'root',
      2,
      'Classify the support email by urgency.',
      { temperature: 0.2, maxTokens: 256 },
    ]);
    expect(root?.signature?.fields.map((f) => f.name)).toEqual(['emailText', 'priority']);
    const e = setInstructions(value, p, 'root', 'Rate urgency.');
    const v = applyWithInverse(value, e.ops).value as Record<string, unknown>;
    expect(v.instruction).toBe('Rate urgency.');
    expect(Object.keys(v)).toEqual(Object.keys(value as object));
    const d = setDemoField(v, analyzeProgram(v), 'root', 0, 'priority', 'urgent');
    expect((applyWithInverse(v, d.ops).value as { demos: Array<{ traces: unknown[] }> }).demos[0]?.traces[0]).toEqual({
      emailText: 'The server is down!',
      priority: 'urgent',
    });
  });
});

describe('export in their own format', () => {
  it.each([
    ['dspy-rb-program.json', 'qa-2026-03-02-7f3a', 'dspy-rb'],
    ['ax-program.json', 'root', 'ax'],
  ])('%s: an edited instruction exports as the same kind of file', async (file, moduleId, adapterId) => {
    const { decodeBytes } = await import('../../../engine/pipeline/decode');
    const { exportDocument } = await import('../../export/export-document');
    const bytes = readRepoFile(`fixtures/dspy-shapes/${file}`);
    const doc = await decodeBytes(bytes, { name: file });
    const program = analyzeProgram(doc.value);
    const edit = setInstructions(doc.value, program, moduleId, 'A new instruction.');
    const value = applyWithInverse(doc.value, edit.ops).value;
    const out = await exportDocument(
      {
        value,
        program: analyzeProgram(value),
        recipe: doc.recipe,
        appliedOps: edit.ops,
        originalValue: doc.value,
        name: file,
        ...(doc.text !== undefined ? { sourceText: doc.text } : {}),
      },
      {},
    );
    const again = await decodeBytes(out.bytes, { name: file });
    const reread = analyzeProgram(again.value);
    expect(reread.format).toBe(adapterId);
    expect(reread.modules.find((m) => m.id === moduleId)?.signature?.instructions).toBe('A new instruction.');
    // only the instruction changed: the rest of the text is as the framework wrote it
    const before = new TextDecoder().decode(bytes).split('\n');
    const after = new TextDecoder().decode(out.bytes).split('\n');
    expect(after.length).toBe(before.length);
    expect(after.filter((l, i) => l !== before[i])).toHaveLength(1);
  });
});
