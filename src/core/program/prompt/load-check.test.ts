import { describe, expect, it } from 'vitest';
import { readRepoFile } from '../../../test-support/real-fixtures';
import { decodeBytes } from '../../engine/pipeline/decode';
import { analyzeProgram } from '../formats/analyze';
import { findModule } from '../model/demos';
import { checkSignature } from './load-check';
import { renderModulePrompt } from './render-module';
import { parseSignature } from './signature-parser';

async function sample() {
  const doc = await decodeBytes(readRepoFile('public/samples/multihop-qa.json'), { name: 'multihop-qa.json' });
  return { value: doc.value, program: analyzeProgram(doc.value, { recipe: doc.recipe, name: 'multihop-qa.json' }) };
}

describe('Will it load? (Predict.load_state applies saved fields by position)', () => {
  it('a matching signature matches, with ChainOfThought reasoning recognised', async () => {
    const { program } = await sample();
    const module = findModule(program, 'generate_query[0].predict');
    const check = checkSignature(module, parseSignature('context, question -> query'));
    expect(check.verdict).toBe('match');
    expect(check.items.map((i) => i.code)).toEqual(['chain-of-thought']);
  });

  it('two swapped inputs: says that each gets the description saved for the other (DSPy #9949)', async () => {
    const { program } = await sample();
    const module = findModule(program, 'generate_query[0].predict');
    const check = checkSignature(module, parseSignature('question, context -> query'));
    expect(check.verdict).toBe('wrong');
    const order = check.items.filter((i) => i.code === 'order');
    expect(order).toHaveLength(2);
    expect(order[0]?.message).toBe('`question` is field 1 in your signature but field 2 in the file (where field 1 is `context`).');
    expect(order[0]?.dspy).toMatch(/`question` gets the description "may contain relevant facts" and prefix "Context:" saved for `context`/);
  });

  it('a field too few or too many: what DSPy drops or keeps', async () => {
    const { program } = await sample();
    const module = findModule(program, 'generate_query[0].predict');
    const fewer = checkSignature(module, parseSignature('context, question -> reasoning'));
    expect(fewer.items.find((i) => i.code === 'count')?.dspy).toMatch(/drops the saved description of `query`/);
    const more = checkSignature(module, parseSignature('context, question -> reasoning, query, extra'));
    expect(more.items.find((i) => i.code === 'count')?.dspy).toMatch(/`extra` keeps the text written in your code/);
  });

  it('an input declared where the file has an output, and demo keys the signature lacks', async () => {
    const { program } = await sample();
    const module = findModule(program, 'generate_query[0].predict');
    const check = checkSignature(module, parseSignature('context, question, reasoning -> search'), ['context', 'question', 'reasoning', 'query']);
    expect(check.items.map((i) => i.code)).toEqual(['name', 'role', 'demo-keys']);
    expect(check.items.find((i) => i.code === 'role')?.message).toBe('Field 3 (`reasoning`) is an input in your signature but an output in the file.');
    expect(check.items.find((i) => i.code === 'demo-keys')?.message).toMatch(/`query`/);
  });

  it('a pasted signature supplies names and types to the prompt, descriptions still from the file by position', async () => {
    const { value, program } = await sample();
    const view = renderModulePrompt(value, program, { moduleId: 'generate_query[0].predict', signature: 'context: list[str], question -> query' });
    expect(view.fields.map((f) => [f.name, f.type, f.inferred, f.typeSource])).toEqual([
      ['context', 'list[str]', false, 'signature'],
      ['question', 'str', false, 'signature'],
      ['reasoning', 'str', false, 'signature'],
      ['query', 'str', false, 'signature'],
    ]);
    const system = view.messages[0]?.content as string;
    expect(system).toContain('1. `context` (list[str]): may contain relevant facts');
    expect(system).toContain('2. `query` (str): a search query');
    const swapped = renderModulePrompt(value, program, { moduleId: 'generate_query[0].predict', signature: 'question, context -> query' });
    expect(swapped.messages[0]?.content).toContain('1. `question` (str): may contain relevant facts');
    expect(swapped.check?.verdict).toBe('wrong');
  });

  it('a signature that does not parse comes back as an error with its place, and the prompt still renders', async () => {
    const { value, program } = await sample();
    const view = renderModulePrompt(value, program, { moduleId: 'generate_query[0].predict', signature: 'question -> ' });
    expect(view.signatureError).toMatchObject({ line: 1, column: 12 });
    expect(view.messages.length).toBeGreaterThan(1);
  });
});

describe('view settings', () => {
  it('a per-field type changes the prompt; an unreadable one is named in the notes and left out', async () => {
    const { value, program } = await sample();
    const typed = renderModulePrompt(value, program, { moduleId: 'generate_answer.predict', types: { 0: 'list[str]', 3: 'Literal["yes", "no"]' } });
    expect(typed.fields.map((f) => `${f.name}:${f.type}:${f.typeSource}`)).toEqual([
      'context:list[str]:view',
      'question:str:default',
      'reasoning:str:default',
      "answer:Literal['yes', 'no']:view",
    ]);
    expect(typed.messages[0]?.content).toContain('{answer}        # note: the value you produce must exactly match (no extra characters) one of: yes; no');
    const bad = renderModulePrompt(value, program, { moduleId: 'generate_answer.predict', types: { 0: 'list[str' } });
    expect(bad.fields[0]?.type).toBe('str');
    expect(bad.notes.join('\n')).toContain('The type "list[str" of field 1 is not an annotation this page can read');
  });
});
