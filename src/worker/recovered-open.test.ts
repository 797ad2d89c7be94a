import { describe, expect, it } from 'vitest';
import { readRepoFile } from '../test-support/real-fixtures';
import { classifyDrop } from '../core/program/files/classify-drop';
import { loadErrors } from '../core/program/formats/dspy/migrations/loader-check';
import { DocumentHost } from './document-host';

const fileOf = (path: string, name = path.slice(path.lastIndexOf('/') + 1)) => {
  const b = readRepoFile(`fixtures/dspy-shapes/${path}`);
  return new File([b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer], name);
};

describe('opening a program that lives in a pickle', () => {
  it('a whole-program folder opens as its recovered state, edits like one, and exports JSON DSPy loads', async () => {
    const host = new DocumentHost();
    const opened = await host.open(
      { source: { kind: 'file', file: fileOf('whole-program-by-value/metadata.json') }, companions: [fileOf('whole-program-by-value/program.pkl')] },
      () => undefined,
    );
    expect(opened.summary.name).toBe('program.json');
    expect(opened.program.formatLabel).toBe('DSPy whole program (program.pkl), recovered');
    expect(opened.companions.map((c) => [c.name, c.safety?.verdict])).toEqual([['program.pkl', 'dangerous']]);
    expect(host.demos({ moduleId: 'generate_answer.predict', offset: 0, count: 5 }).demos.map((d) => d.augmented)).toEqual([true, false]);
    // the pickle's facts survive an edit
    const { program } = host.edit({ edit: { kind: 'instructions', moduleId: "judges['strict']", text: 'Judge gently.' } });
    expect(program.modules[2]?.signature?.fields.map((f) => f.name)).toEqual(['question', 'answer', 'verdict']);
    expect(program.formatLabel).toMatch(/recovered/);
    const out = await host.export({ options: {} });
    const state = JSON.parse(new TextDecoder().decode(out.bytes)) as Record<string, Record<string, Record<string, unknown>>>;
    expect(state["judges['strict']"]?.signature?.instructions).toBe('Judge gently.');
    expect(loadErrors(state, '3.3.1')).toEqual([]);
  });

  it('a program.pkl alone opens as its program, its own safety report beside it', async () => {
    const host = new DocumentHost();
    const opened = await host.open({ source: { kind: 'file', file: fileOf('whole-program-by-reference/program.pkl') } }, () => undefined);
    expect(opened.program.modules.map((m) => m.id)).toContain("judges['strict']");
    expect(opened.companions[0]?.name).toBe('program.pkl');
    expect(opened.companions[0]?.safety?.globals.some((g) => g.module === 'rag_app.programs')).toBe(true);
    expect(opened.program.notes.join('\n')).toMatch(/No metadata\.json came with it/);
  });

  it('an MLflow model folder opens as the program inside model.pkl, with the MLmodel facts and the secret in dspy.settings', async () => {
    const host = new DocumentHost();
    const opened = await host.open(
      { source: { kind: 'file', file: fileOf('mlflow-model/data/model.pkl') }, companions: [fileOf('mlflow-model/MLmodel')] },
      () => undefined,
    );
    expect(opened.program.formatLabel).toBe('MLflow DSPy model (model.pkl), recovered');
    expect(opened.program.version).toBe('3.3.1');
    expect(opened.program.notes.join('\n')).toMatch(/MLmodel: MLflow 3\.1\.0/);
    expect(opened.program.notes.join('\n')).toMatch(/secret at \/state\/dspy_settings\/lm\/state\/kwargs\/api_key/);
    expect(opened.companions.map((c) => [c.name, c.safety?.verdict ?? c.error?.code ?? 'read'])).toEqual([
      ['model.pkl', 'dangerous'],
      ['MLmodel', expect.any(String)],
    ]);
  });

  it('an MLflow model folder is one drop: model.pkl with MLmodel beside it', () => {
    const plan = classifyDrop([
      { name: 'model/MLmodel', size: 486 },
      { name: 'model/requirements.txt', size: 45 },
      { name: 'model/data/model.pkl', size: 4587 },
    ]);
    expect(plan).toMatchObject({ kind: 'whole-program', main: { name: 'model/data/model.pkl' }, companions: [{ name: 'model/MLmodel' }] });
  });
});
