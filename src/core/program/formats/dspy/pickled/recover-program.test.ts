/**
 * Whole-program pickles from fixtures/dspy-shapes/ (scripts/make-dspy-shapes-fixtures.py): the
 * generator writes each program twice, as program.pkl and as state JSON, from the same stand-in
 * program, so the recovered state must equal the JSON DSPy would have written.
 */
import { describe, expect, it } from 'vitest';
import { readRepoFile } from '../../../../../test-support/real-fixtures';
import { loadErrors } from '../migrations/loader-check';
import { analyzeProgram } from '../../analyze';
import { recoverOpen } from './recover-open';
import { recoverPickledProgram } from './recover-program';

const file = (name: string) => readRepoFile(`fixtures/dspy-shapes/${name}`);
const json = (name: string): Record<string, unknown> => JSON.parse(new TextDecoder().decode(file(name))) as Record<string, unknown>;

describe.each([
  ['whole-program-by-value', '3.3.1'],
  ['whole-program-by-reference', '2.6.27'],
])('%s', (folder, version) => {
  const metadata = json(`${folder}/metadata.json`);
  const rec = recoverPickledProgram(file(`${folder}/program.pkl`), { metadata });

  it('recovers exactly the state program.save("x.json") writes', () => {
    expect(rec?.state).toEqual(json(`${folder}.state.json`));
    expect(Object.keys(rec?.state ?? {})).toEqual(Object.keys(json(`${folder}.state.json`)));
  });

  it("names parameters in named_parameters() order, with the pickled signature's fields", () => {
    expect(rec?.parameters.map((p) => [p.name, p.kind])).toEqual([
      ['retrieve', 'retrieve'],
      ['generate_answer.predict', 'predict'],
      ["judges['strict']", 'predict'],
      ['drafts[0]', 'predict'],
      ['drafts[1]', 'predict'],
    ]);
    const gen = rec?.parameters[1];
    expect(gen?.fields?.map((f) => `${f.role} ${f.name}: ${f.annotation ?? ''}`)).toEqual([
      'input context: list',
      'input question: str',
      'output reasoning: str',
      'output answer: str',
    ]);
    expect(rec?.problems).toEqual([]);
  });

  it('passes the loader rules of the DSPy version that saved it and of DSPy 3.3', () => {
    expect(loadErrors(rec?.state, version)).toEqual([]);
    expect(loadErrors(rec?.state, '3.3.1')).toEqual([]);
  });
});

describe('what the pickle carries', () => {
  it('flags the program class and its methods carried by value, with file and line', () => {
    const rec = recoverPickledProgram(file('whole-program-by-value/program.pkl'));
    expect(rec?.rootClass).toBe('__main__.RAG');
    expect(rec?.rootByValue).toBe(true);
    expect(rec?.code).toEqual([
      { kind: 'class', qualified: '__main__.RAG', file: 'rag_app/program.py' },
      { kind: 'function', qualified: '__main__.RAG.__init__', file: 'rag_app/program.py', line: 3 },
      { kind: 'function', qualified: '__main__.RAG.forward', file: 'rag_app/program.py', line: 10 },
    ]);
  });
  it('carries no code for a class pickled by reference, and finds the api_key the LM object holds', () => {
    const rec = recoverPickledProgram(file('whole-program-by-reference/program.pkl'));
    expect(rec?.rootClass).toBe('rag_app.programs.RAG');
    expect(rec?.rootByValue).toBe(false);
    expect(rec?.code).toEqual([]);
    expect(rec?.pickleSecrets).toEqual(['/state/generate_answer/state/predict/state/lm/state/kwargs/api_key']);
  });
  it('is not fooled by a pickle with no DSPy module in it', () => {
    expect(recoverPickledProgram(readRepoFile('fixtures/pickle/values-objects-p5.pkl'))).toBeUndefined();
  });
});

describe('opening a whole-program folder', () => {
  it('turns metadata.json + program.pkl into the state document, with names and annotations from the pickle', () => {
    const meta = file('whole-program-by-value/metadata.json');
    const found = recoverOpen({ name: 'metadata.json', bytes: meta, value: json('whole-program-by-value/metadata.json') }, [
      { name: 'program.pkl', bytes: file('whole-program-by-value/program.pkl'), isPickle: true },
    ]);
    expect(found?.name).toBe('program.json');
    expect(JSON.parse(found?.text ?? '')).toEqual(json('whole-program-by-value.state.json'));
    const p = analyzeProgram(JSON.parse(found?.text ?? ''), { recovered: found!.facts });
    expect(p.formatLabel).toBe('DSPy whole program (program.pkl), recovered');
    expect(p.modules.map((m) => [m.id, m.className, m.demoCount])).toEqual([
      ['retrieve', 'dspy.retrievers.retrieve.Retrieve', 0],
      ['generate_answer.predict', 'dspy.predict.predict.Predict', 2],
      ["judges['strict']", 'dspy.predict.predict.Predict', 1],
      ['drafts[0]', 'dspy.predict.predict.Predict', 0],
      ['drafts[1]', 'dspy.predict.predict.Predict', 0],
    ]);
    const judge = p.modules[2]?.signature?.fields;
    expect(judge?.map((f) => [f.name, f.nameInferred, f.role, f.type])).toEqual([
      ['question', false, 'input', 'str'],
      ['answer', false, 'input', 'str'],
      ['verdict', false, 'output', 'bool'],
    ]);
    expect(p.notes.join('\n')).toMatch(
      /Code carried by value, run by Python when the pickle loads: function __main__\.RAG\.forward \(rag_app\/program\.py, line 10\)/,
    );
  });

  it('opens an MLflow DSPy model folder: MLmodel facts, the program, and the secret in dspy.settings', () => {
    const found = recoverOpen({ name: 'data/model.pkl', bytes: file('mlflow-model/data/model.pkl'), isPickle: true }, [
      { name: 'MLmodel', bytes: file('mlflow-model/MLmodel') },
    ]);
    const state = JSON.parse(found?.text ?? '') as Record<string, unknown>;
    expect(state.metadata).toEqual({ dependency_versions: { python: '3.11', dspy: '3.3.1' } });
    expect(loadErrors(state, '3.3.1')).toEqual([]);
    expect(Object.keys(state)).toEqual(['retrieve', 'generate_answer.predict', "judges['strict']", 'drafts[0]', 'drafts[1]', 'metadata']);
    expect(found?.facts.formatLabel).toBe('MLflow DSPy model (model.pkl), recovered');
    const notes = found?.facts.notes.join('\n') ?? '';
    expect(notes).toMatch(/MLmodel: MLflow 3\.1\.0 · flavors dspy, python_function · DSPy 3\.3\.1 · Python 3\.11\.9/);
    expect(notes).toMatch(/secret at \/state\/dspy_settings\/lm\/state\/kwargs\/api_key/);
  });
});
