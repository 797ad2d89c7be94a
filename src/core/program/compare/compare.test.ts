import { describe, expect, it } from 'vitest';
import { analyzeProgram } from '../formats/analyze';
import { applyPlan } from '../migrations/plan';
import { readRealFixture, readRepoFile, realDspyFiles, realFixturesPresent } from '../../../test-support/real-fixtures';
import { comparePrograms, type CompareSide } from './compare';
import { loadSide } from './load-side';
import { comparisonJson, comparisonMarkdown } from './markdown';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

function side(value: unknown, label: string): CompareSide {
  return { value, program: analyzeProgram(value), label };
}

function demo(q: string, a: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { question: q, answer: a, ...extra };
}

function state(demos: unknown[], instructions = 'Answer the question.', id = 'qa.predict'): Record<string, unknown> {
  return {
    [id]: {
      traces: [],
      train: [],
      demos,
      signature: {
        instructions,
        fields: [
          { prefix: 'Question:', description: '${question}' },
          { prefix: 'Answer:', description: '${answer}' },
        ],
      },
      lm: null,
    },
    metadata: { dependency_versions: { python: '3.11', dspy: '2.6.27', cloudpickle: '3.1' } },
  };
}

const clone = <T>(v: T): T => structuredClone(v);

describe('comparePrograms', () => {
  it('finds the same program saved as JSON and as .pkl identical', async () => {
    const a = await loadSide(readRepoFile('fixtures/pickle/dspy-state.json'), 'dspy-state.json');
    const b = await loadSide(readRepoFile('fixtures/pickle/dspy-state.pkl'), 'dspy-state.pkl');
    expect(b.recipe).toBe('pickle');
    const c = comparePrograms(a, b);
    expect(c.same).toBe(true);
    expect(c.eraNote).toBeUndefined();
    expect(c.summary).toBe('Same in meaning: 1 predictor, 2 demos.');
    // And a real change to the pickled side is seen.
    const edited = clone(b.value) as Record<string, { demos: Array<Record<string, unknown>> }>;
    edited['generate.predict']!.demos[1]!['answer'] = 'Paris, France';
    expect(comparePrograms(a, side(edited, 'edited')).same).toBe(false);
  });

  it('finds ujson and orjson texts of one program identical: whitespace, escapes, key order, number spelling', async () => {
    // ujson (DSPy's writer) escapes "/" and non-ASCII, indents by 2; orjson writes compact UTF-8.
    const ujson = [
      '{',
      '  "qa.predict": {',
      '    "lm": {"temperature": 0.70, "max_tokens": 1e3},',
      '    "demos": [{"question": "Km\\/h in caf\\u00e9?", "answer": "1.0", "dspy_uuid": "u1"}],',
      '    "signature": {"instructions": "Answer \\/ explain.", "fields": [{"prefix": "Question:", "description": "${question}"}, {"prefix": "Answer:", "description": "${answer}"}]},',
      '    "traces": [], "train": []',
      '  },',
      '  "metadata": {"dependency_versions": {"python": "3.11", "dspy": "2.6.27", "cloudpickle": "3.1"}}',
      '}',
    ].join('\n');
    const orjson =
      '{"metadata":{"dependency_versions":{"dspy":"2.6.27","cloudpickle":"3.1","python":"3.11"}},' +
      '"qa.predict":{"traces":[],"train":[],"demos":[{"dspy_uuid":"u1","answer":"1.0","question":"Km/h in café?"}],' +
      '"signature":{"fields":[{"description":"${question}","prefix":"Question:"},{"description":"${answer}","prefix":"Answer:"}],"instructions":"Answer / explain."},' +
      '"lm":{"max_tokens":1000,"temperature":0.7}}}';
    const a = await loadSide(enc(ujson), 'ujson.json');
    const b = await loadSide(enc(orjson), 'orjson.json');
    const c = comparePrograms(a, b);
    expect(c.same).toBe(true);
    expect(c.predictors.map((p) => p.summary)).toEqual(['qa.predict: unchanged']);
    // The string "1.0" is not the number 1: only serializer noise is forgiven.
    const c2 = comparePrograms(a, await loadSide(enc(orjson.replace('"answer":"1.0"', '"answer":"1"')), 'b.json'));
    expect(c2.same).toBe(false);
    expect(c2.predictors[0]!.demos).toMatchObject([{ change: 'changed', matchedBy: 'uuid', fields: [{ field: 'answer', a: '1.0', b: '1' }] }]);
  });

  it('reports only what a migration from era B to 3.x really changes, and the era once', () => {
    const value = JSON.parse(new TextDecoder().decode(readRepoFile('fixtures/programs/dspy-era-b.json'))) as unknown;
    const a = side(value, 'era-b.json');
    const migrated = applyPlan(value, a.program, '3.x').value;
    const c = comparePrograms(a, side(migrated, 'migrated.json'));
    expect(c.eraNote).toMatch(/era B.*era F/);
    const gen = c.predictors.find((p) => p.bId === 'generate_answer.predict')!;
    expect(gen).toMatchObject({ aId: 'generate_answer', matchedBy: 'era-path', status: 'changed' });
    // The instructions and every demo came through; the fields gained prefixes and the rationale became reasoning.
    expect(gen.instructions).toBeUndefined();
    expect(gen.demos).toEqual([]);
    expect(gen.demoCounts).toMatchObject({ a: 2, b: 2, same: 2 });
    expect(gen.fields.find((f) => f.field === 'reasoning')?.props).toContainEqual({ key: 'name', a: 'rationale', b: 'reasoning' });
    expect(c.predictors.find((p) => p.id === 'retrieve')?.status).toBe('same');
    // The version is on the era line, not repeated in the metadata table.
    expect(c.metadata.map((m) => m.key)).not.toContain('dependency_versions.dspy');
    const md = comparisonMarkdown(c);
    expect(md.match(/Different format versions/g)).toHaveLength(1);
    expect(md.slice(md.indexOf('### generate_answer.predict'))).not.toMatch(/\bera\b|"2\.6|"3\.3/i);
  });

  it('calls reordered demos moves, not removals and additions', () => {
    const demos = [demo('q1', 'a1'), demo('q2', 'a2'), demo('q3', 'a3'), demo('q4', 'a4')];
    const reordered = [demos[0], demos[2], demos[3], demos[1]];
    const c = comparePrograms(side(state(demos), 'a'), side(state(reordered), 'b'));
    const p = c.predictors[0]!;
    expect(p.demoCounts).toMatchObject({ same: 3, moved: 1, added: 0, removed: 0, changed: 0 });
    expect(p.demos).toEqual([{ change: 'moved', a: 1, b: 3, matchedBy: 'content', title: 'q2' }]);
    expect(p.summary).toBe('qa.predict: 1 demo moved');
  });

  it('pairs demos by inputs, then by similarity, and lists the rest as added and removed', () => {
    const a = [
      demo('What is the capital of France?', 'Paris'),
      demo('Who wrote Hamlet?', 'Shakespeare'),
      demo('A long question about rivers in Europe and their sources', 'x'),
    ];
    const b = [
      demo('What is the capital of France?', 'Paris, France'),
      demo('A long question about rivers in Europe and their source', 'x'),
      demo('Tallest mountain?', 'Everest'),
    ];
    const p = comparePrograms(side(state(a), 'a'), side(state(b), 'b')).predictors[0]!;
    expect(p.demos.map((d) => [d.change, d.matchedBy, d.a, d.b])).toEqual([
      ['changed', 'inputs', 0, 0],
      ['removed', undefined, 1, undefined],
      ['changed', 'similarity', 2, 1],
      ['added', undefined, undefined, 2],
    ]);
    expect(p.summary).toBe('qa.predict: 1 demo added, 1 removed, 2 changed');
  });

  it('matches renamed predictors by signature and word-diffs their instructions', () => {
    const a = state([demo('q', 'a')], 'Answer the question briefly.', 'qa.predict');
    const b = state([demo('q', 'a')], 'Answer the question briefly.', 'responder.predict');
    const c = comparePrograms(side(a, 'a'), side(b, 'b'));
    expect(c.predictors).toHaveLength(1);
    expect(c.predictors[0]).toMatchObject({ aId: 'qa.predict', bId: 'responder.predict', matchedBy: 'signature', status: 'same' });
    const d = comparePrograms(side(a, 'a'), side(state([demo('q', 'a')], 'Answer the question in one short sentence.', 'qa.predict'), 'b'));
    expect(d.predictors[0]!.instructions).toMatchObject({ added: 4, removed: 1 });
    expect(d.predictors[0]!.summary).toBe('qa.predict: instructions changed (+4 −1 words)');
  });

  it('reports lm settings and metadata as small tables, and exports JSON that reads back', () => {
    const a = state([]);
    const b = clone(a) as Record<string, Record<string, unknown>>;
    b['qa.predict']!['lm'] = { model: 'openai/gpt-4o-mini', temperature: 0 };
    (b['metadata']!['dependency_versions'] as Record<string, unknown>)['python'] = '3.12';
    const c = comparePrograms(side(a, 'a'), side(b, 'b'));
    expect(c.predictors[0]!.lm).toEqual([
      { key: 'model', b: 'openai/gpt-4o-mini' },
      { key: 'temperature', b: 0 },
    ]);
    expect(c.metadata).toEqual([{ key: 'dependency_versions.python', a: '3.11', b: '3.12' }]);
    expect(JSON.parse(comparisonJson(c))).toEqual(JSON.parse(JSON.stringify(c)));
    expect(comparisonMarkdown(c)).toContain('| dependency_versions.python | `"3.11"` | `"3.12"` |');
  });

  it('pairs 50,000 shuffled demos a side by hash, without the quadratic pass', () => {
    const n = 50_000;
    const many = Array.from({ length: n }, (_, i) => demo(`question ${i}`, `answer ${i}`));
    const b = many.slice(1).concat([many[0]!]);
    b[100] = demo('question 101', 'a different answer');
    b.push(demo('brand new', 'x'));
    const p = comparePrograms(side(state(many), 'a'), side(state(b), 'b')).predictors[0]!;
    expect(p.demoCounts).toMatchObject({ a: n, b: n + 1, added: 1, removed: 0, changed: 1, moved: 1, same: n - 2 });
  });
});

describe.runIf(realFixturesPresent())('comparePrograms on real DSPy files', () => {
  it('finds each real file identical to itself re-serialised compactly, and different from an edited copy', async () => {
    for (const name of realDspyFiles()) {
      const bytes = readRealFixture(name);
      const a = await loadSide(bytes, name);
      const compact = enc(JSON.stringify(JSON.parse(new TextDecoder().decode(bytes))));
      expect(comparePrograms(a, await loadSide(compact, 'compact.json')).same, name).toBe(true);
      const edited = clone(a.value) as Record<string, { signature?: { instructions?: string } }>;
      const id = a.program.modules.find((m) => m.instructionsPointer?.endsWith('/signature/instructions'))?.id;
      if (id === undefined) continue;
      edited[id]!.signature!.instructions = 'Rewritten by the test.';
      const c = comparePrograms(a, side(edited, 'edited.json'));
      expect(c.predictors.find((p) => p.id === id)?.instructions?.b, name).toBe('Rewritten by the test.');
      expect(c.same, name).toBe(false);
    }
  });
});
