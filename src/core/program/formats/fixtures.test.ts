import { unpack } from 'msgpackr';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { readRepoFile } from '../../../test-support/real-fixtures';
import { buildModuleTree } from '../model/module-tree';
import type { Program } from '../model/program';
import { analyzeProgram } from './analyze';

const text = (name: string): string => new TextDecoder().decode(readRepoFile(`fixtures/programs/${name}`));
const load = (name: string): unknown => JSON.parse(text(name));

/** What must be equal whatever syntax the envelope came in (pointers differ by key spelling). */
function essence(p: Program) {
  return {
    format: p.format,
    version: p.version,
    modules: p.modules.map((m) => ({
      id: m.id,
      kind: m.kind,
      className: m.className,
      demoCount: m.demoCount,
      params: { ...m.params },
      signature: m.signature && { ...m.signature, pointer: undefined },
    })),
  };
}

describe('DSPy eras from our fixtures', () => {
  it.each([
    ['dspy-era-a.json', 'A', ['retrieve', 'generate_answer']],
    ['dspy-era-b.json', 'B', ['retrieve', 'generate_answer']],
    ['dspy-era-c.json', 'C', ['retrieve', 'generate_answer']],
    ['dspy-era-d.json', 'D', ['self']],
    ['dspy-era-e.json', 'E', ['retrieve', 'generate_answer.predict']],
    ['dspy-era-f.json', 'F', ['agent.react', 'agent.extract.predict', 'drafts[0]', "judges['strict']"]],
  ])('%s is era %s', (file, era, ids) => {
    const p = analyzeProgram(load(file));
    expect(p.era).toBe(era);
    expect(p.eraLabel).toMatch(new RegExp(`^era ${era}:`));
    expect(p.modules.map((m) => m.id)).toEqual(ids);
  });

  it('builds a real tree from nested, list and dict names', () => {
    const p = analyzeProgram(load('dspy-era-f.json'));
    const tree = buildModuleTree(p.modules);
    expect(tree.map((n) => n.segment)).toEqual(['agent', 'drafts', 'judges']);
    expect(tree[0]?.children.map((n) => n.segment)).toEqual(['react', 'extract']);
    expect(tree[0]?.children[1]?.children[0]?.module?.id).toBe('agent.extract.predict');
    expect(tree[1]?.children[0]?.segment).toBe('[0]');
    expect(tree[2]?.children[0]?.segment).toBe("['strict']");
  });

  it('era A takes field names from the bootstrapped demo, with the 2.4 rationale', () => {
    const p = analyzeProgram(load('dspy-era-a.json'));
    expect(p.modules[1]?.signature?.fields.map((f) => f.name)).toEqual(['context', 'question', 'rationale', 'answer']);
    expect(p.modules[1]?.signature?.fields.map((f) => f.role)).toEqual(['input', 'input', 'output', 'output']);
  });

  it('flags api_key in an lm dict, and redaction targets exactly it', async () => {
    const value = load('dspy-lm-api-key.json');
    const p = analyzeProgram(value);
    expect(p.secrets).toEqual([{ pointer: '/predict/lm/api_key', key: 'api_key', moduleId: 'predict' }]);
    expect(p.modules[0]?.lm?.model).toBe('openai/gpt-5-nano');
    const { redactSecrets } = await import('../model/secrets');
    expect(redactSecrets(value, p)).toEqual([{ op: 'replace', path: '/predict/lm/api_key', value: '[REDACTED]' }]);
  });
});

describe('the versioned envelope', () => {
  const fromJson = analyzeProgram(load('envelope-1.1.0.json'));
  it('reads modules, signature strings, demos and parameters', () => {
    expect(fromJson.format).toBe('envelope');
    expect(fromJson.version).toBe('1.1.0');
    const answer = fromJson.modules[1];
    expect(answer?.id).toBe('answer');
    expect(answer?.demoCount).toBe(2);
    expect(answer?.demosPointer).toBe('/program/modules/1/demonstrations');
    expect(answer?.signature?.instructions).toBe('Answer from the context only.');
    expect(answer?.signature?.fields.map((f) => [f.name, f.role, f.type, f.description ?? null])).toEqual([
      ['question', 'input', 'string', null],
      ['context', 'input', 'list', null],
      ['answer', 'output', 'string', null],
      ['rationale', 'output', 'string', 'why the answer follows'],
    ]);
  });

  it('YAML with Ruby symbol keys and MessagePack give the same model', () => {
    const fromYaml = analyzeProgram(YAML.parse(text('envelope-1.1.0.yaml')));
    const fromPack = analyzeProgram(unpack(readRepoFile('fixtures/programs/envelope-1.1.0.msgpack')));
    expect(essence(fromYaml)).toEqual(essence(fromJson));
    expect(essence(fromPack)).toEqual(essence(fromJson));
    expect(fromYaml.modules[1]?.demosPointer).toBe('/:program/:modules/1/:demonstrations');
    expect(fromYaml.modules[1]?.symbolKeys).toBe(true);
  });

  it('recognises the single-module file as such', () => {
    const p = analyzeProgram(load('envelope-module.json'));
    expect(p.content).toBe('module-file');
    expect(p.format).toBe('envelope-module');
    expect(p.modules.map((m) => [m.id, m.pointer, m.demoCount])).toEqual([['answer', '/module', 2]]);
  });

  it("reads Desiru's to_h: hash modules, config, demos_count", () => {
    const p = analyzeProgram(load('desiru-program-to-h.json'));
    expect(p.ecosystem).toBe('desiru');
    const m = p.modules[0];
    expect([m?.id, m?.demoCount, m?.demosPointer, m?.params.temperature]).toEqual(['answer', 2, undefined, 0.7]);
    expect(m?.signature?.raw).toBe('question: string -> answer: string');
    expect(p.notes.join(' ')).toMatch(/only the number of demos/);
  });
});

describe('other ports', () => {
  it('dspy-go: modules, split demos, signature dump, version', () => {
    const p = analyzeProgram(load('dspy-go.json'));
    expect([p.ecosystem, p.version]).toEqual(['dspy-go', '0.0.0-dev']);
    const m = p.modules[0];
    expect([m?.id, m?.demoCount, m?.demoShape, m?.className]).toEqual(['qa', 2, 'inputs-outputs', 'Predict']);
    expect(m?.signature?.fields.map((f) => [f.name, f.role])).toEqual([
      ['question', 'input'],
      ['answer', 'output'],
    ]);
    expect(m?.signature?.instructions).toBe('Answer briefly.');
  });

  it('DSRs: predictors, instruction_override', () => {
    const p = analyzeProgram(load('dsrs.json'));
    expect(p.ecosystem).toBe('dsrs');
    expect(p.modules.map((m) => [m.id, m.path, m.demoCount])).toEqual([
      ['answerer', ['answerer'], 1],
      ['pipeline.rewriter', ['pipeline', 'rewriter'], 0],
    ]);
    expect(p.modules[0]?.signature?.instructions).toBe('Answer concisely.');
  });

  it.each([
    [{ artifactVersion: 'axir-optimized-artifact-v1', componentMap: {} }, 'ax', 'axir-optimized-artifact-v1'],
    [{ program_id: 'x', program_data: { class_name: 'DSPy::Predict', state: {} }, metadata: { dspy_version: '0.19.1' } }, 'dspy-rb', '0.19.1'],
    [[{ dspy: 'parameter', version: 1, name: 'predict.instructions', type: 'prompt', value: 'x' }], 'dspy-ex', '1'],
    [{ optimizableParameters: { 'optimizable-0': { instructions: null, demos: [], config: {} } } }, 'dspy4s', undefined],
    [{ lc: 1, type: 'constructor', id: ['langchain', 'prompts', 'prompt', 'PromptTemplate'], kwargs: {} }, 'langchain', 'lc 1'],
  ])('detects %#', (value, ecosystem, version) => {
    const p = analyzeProgram(value);
    expect([p.ecosystem, p.version]).toEqual([ecosystem, version]);
  });

  it('anything else is generic, with a note', () => {
    const p = analyzeProgram({ hello: 'world', list: [1, 2] });
    expect(p.content).toBe('generic');
    expect(p.notes[0]).toMatch(/No program structure was recognised/);
    expect(analyzeProgram('just a string').content).toBe('generic');
    expect(analyzeProgram(null).content).toBe('generic');
  });

  it('__proto__ keys stay data and do not confuse detection', () => {
    const p = analyzeProgram(JSON.parse('{"__proto__": {"demos": []}, "x": {"k": 1}}'));
    expect(p.modules.map((m) => m.id)).toEqual(['__proto__', 'x']);
  });
});
