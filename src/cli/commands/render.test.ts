import { describe, expect, it } from 'vitest';
import { run } from '../main.ts';
import { memoryIo } from '../../test-support/memory-io.ts';

const FILE = 'public/samples/multihop-qa.json';
const MODULE = 'generate_answer.predict';

describe('render', () => {
  it('--format json: the messages with {name} placeholders and the fields, inferred names marked', async () => {
    const m = memoryIo();
    expect(await run(['render', FILE, MODULE, '--format', 'json'], m.io)).toBe(0);
    const out = JSON.parse(m.out()) as { messages: Array<{ role: string; content: string }>; fields: unknown[] };
    expect(Object.keys(out)).toEqual(['messages', 'fields']);
    expect(out.fields).toEqual([
      { name: 'context', role: 'input', type: 'str', inferred: true },
      { name: 'question', role: 'input', type: 'str', inferred: true },
      { name: 'reasoning', role: 'output', type: 'str', inferred: true },
      { name: 'answer', role: 'output', type: 'str', inferred: true },
    ]);
    expect(out.messages[0]?.role).toBe('system');
    expect(out.messages[0]?.content).toContain('In adhering to this structure, your objective is: \n        Answer questions with short factoid answers.');
    expect(out.messages.at(-1)?.content).toMatch(
      /^\[\[ ## context ## \]\]\n\{context\}\n\n\[\[ ## question ## \]\]\n\{question\}\n\nRespond with the corresponding output fields, starting with the field `\[\[ ## reasoning ## \]\]`, then `\[\[ ## answer ## \]\]`/,
    );
    expect(m.err()).toMatch(/note: Field names are not saved by DSPy; inferred here: context, question, reasoning, answer\./);
  });

  it('--inputs fills the last message; --adapter json; --signature @FILE gives exact names and types', async () => {
    const m = memoryIo({
      'sig.py': new TextEncoder().encode(
        'class GenerateAnswer(dspy.Signature):\n    """Answer."""\n    context: list[str] = dspy.InputField()\n    question: str = dspy.InputField()\n    answer: str = dspy.OutputField()\n',
      ),
    });
    expect(
      await run(
        [
          'render',
          FILE,
          MODULE,
          '--adapter',
          'json',
          '--inputs',
          '{"context": ["one", "two"], "question": "Why?"}',
          '--signature',
          '@sig.py',
          '--format',
          'json',
        ],
        m.io,
      ),
    ).toBe(0);
    const out = JSON.parse(m.out()) as { messages: Array<{ role: string; content: string }>; fields: Array<{ name: string; type: string; inferred: boolean }> };
    expect(out.fields.map((f) => `${f.name}:${f.type}:${f.inferred}`)).toEqual([
      'context:list[str]:false',
      'question:str:false',
      'reasoning:str:false',
      'answer:str:false',
    ]);
    expect(out.messages.at(-1)?.content).toBe(
      '[[ ## context ## ]]\n["one", "two"]\n\n[[ ## question ## ]]\nWhy?\n\nRespond with a JSON object in the following order of fields: `reasoning`, then `answer`.',
    );
  });

  it('--format md and text label each message with its role and demo', async () => {
    const md = memoryIo();
    expect(await run(['render', FILE, MODULE, '--format', 'md'], md.io)).toBe(0);
    expect(md.out()).toMatch(/^## system\n\n```text\nYour input fields are:/);
    expect(md.out()).toContain('## user (demo 1)');
    const text = memoryIo();
    expect(await run(['render', FILE, MODULE], text.io)).toBe(0);
    expect(text.out()).toMatch(/^===== system =====\n/);
    expect(text.out()).toContain('===== assistant (demo 3, incomplete) =====\n[[ ## reasoning ## ]]\nNot supplied for this particular example. \n');
  });

  it('says clearly what is wrong: unknown module, a module that is not a predictor, bad JSON, a signature that does not parse, usage', async () => {
    const m = memoryIo();
    expect(await run(['render', FILE, 'nope'], m.io)).toBe(1);
    expect(m.err()).toMatch(/error \[prompt\] No module "nope" in .*predictors: generate_query\[0\]\.predict/);
    expect(await run(['render', FILE, 'retrieve'], m.io)).toBe(1);
    expect(m.err()).toMatch(/Module "retrieve" .* is not a predictor/);
    expect(await run(['render', FILE, MODULE, '--inputs', '{bad'], m.io)).toBe(1);
    expect(m.err()).toMatch(/error \[inputs\] --inputs is not JSON/);
    expect(await run(['render', FILE, MODULE, '--signature', 'question -> answer -> x'], m.io)).toBe(1);
    expect(m.err()).toMatch(/error \[signature\] line 1, column 20: A string signature needs exactly one "->"/);
    expect(await run(['render', FILE, MODULE, '--adapter', 'xml'], m.io)).toBe(2);
    expect(await run(['render', FILE], m.io)).toBe(2);
  });
});

describe('check', () => {
  it('a matching signature: exit 0 and says it matches', async () => {
    const m = memoryIo();
    expect(await run(['check', FILE, MODULE, '--signature', 'context, question -> answer'], m.io)).toBe(0);
    expect(m.out()).toMatch(/^generate_answer\.predict: match/);
    expect(m.out()).toContain('dspy.ChainOfThought adds `reasoning`');
    expect(m.out()).toContain('[info] Demos hold `gold_titles`, which your signature does not declare.');
  });

  it('two fields swapped: exit 1 and what DSPy would do with each', async () => {
    const m = memoryIo();
    expect(await run(['check', FILE, MODULE, '--signature', 'question, context -> answer'], m.io)).toBe(1);
    expect(m.out()).toMatch(/loads WRONG/);
    expect(m.out()).toContain('[error] `question` is field 1 in your signature but field 2 in the file (where field 1 is `context`).');
    expect(m.out()).toContain('DSPy: DSPy applies saved fields by position: `question` gets the description "may contain relevant facts"');
    const j = memoryIo();
    expect(await run(['check', FILE, MODULE, '--signature', 'question, context -> answer', '--format', 'json'], j.io)).toBe(1);
    expect((JSON.parse(j.out()) as { verdict: string }).verdict).toBe('wrong');
    expect(await run(['check', FILE, MODULE], j.io)).toBe(2);
  });
});
