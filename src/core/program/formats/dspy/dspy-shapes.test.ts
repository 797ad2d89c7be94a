/** The DSPy shapes people have beyond the era fixtures: fixtures/dspy-shapes/ (scripts/make-dspy-shapes-fixtures.py). */
import { describe, expect, it } from 'vitest';
import { readRepoFile } from '../../../../test-support/real-fixtures';
import { readDemos } from '../../model/demos';
import { analyzeProgram } from '../analyze';
import { checkDspyLoad } from './migrations/loader-check';

const load = (name: string): unknown => JSON.parse(new TextDecoder().decode(readRepoFile(`fixtures/dspy-shapes/${name}`)));

describe('a bare dspy.Predict saved alone', () => {
  it('opens as one predictor named self, with its signature and demos', () => {
    const value = load('bare-predict.json');
    const p = analyzeProgram(value);
    expect(p.format).toBe('dspy-state');
    expect(p.version).toBe('3.3.1');
    expect(p.modules.map((m) => [m.id, m.kind, m.pointer, m.demoCount])).toEqual([['self', 'predict', '', 2]]);
    const self = p.modules[0];
    expect(self?.signature?.instructions).toBe('Answer questions with short factoid answers.');
    expect(self?.signature?.fields.map((f) => f.name)).toEqual(['question', 'answer']);
    expect(self?.instructionsPointer).toBe('/signature/instructions');
    expect(self?.params).toEqual({}); // metadata is the file's, not the predictor's
    const demos = readDemos(value, p, 'self', 0, 10);
    expect(demos.map((d) => d.augmented)).toEqual([true, false]);
    expect(demos[1]?.flags).toEqual({ dspy_uuid: '5b1e0c9e-3f43-4c55-9d0e-2f1f6d7a1c11', dspy_split: 'train' });
  });
});

describe('a module saved as {} among real ones', () => {
  it('keeps the file a DSPy program and shows the empty module', () => {
    const p = analyzeProgram(load('empty-module.json'));
    expect(p.formatLabel).toBe('DSPy state JSON');
    expect(p.modules.map((m) => [m.id, m.kind])).toEqual([
      ['custom_rm', 'module'],
      ['retrieve', 'retrieve'],
      ['generate_answer.predict', 'predict'],
    ]);
    expect(p.modules[0]?.warnings?.[0]).toMatch(/no parameters of its own/);
  });
  it('but {} alone is not claimed as DSPy', () => {
    expect(analyzeProgram({ a: {} }).format).toBe('generic');
  });
});

describe('DSPy 3.3 state', () => {
  const p = analyzeProgram(load('dspy-3.3-refine-flex.json'));
  it('reads the LM class marker and flags endpoint keys DSPy 3.2+ drops on load', () => {
    const pred = p.modules.find((m) => m.id === 'module.predict');
    expect(pred?.lm?._dspy_lm_class).toBe('dspy.clients.lm.LM');
    expect(pred?.warnings?.join(' ')).toMatch(/api_base: DSPy 3\.2 and later drop this key on load/);
  });
  it("shows dspy.Flex's module_src as Python DSPy would execute", () => {
    const flex = p.modules.find((m) => m.id === 'module.flex');
    expect(flex?.kind).toBe('flex');
    expect(flex?.code?.language).toBe('python');
    expect(flex?.code?.text).toContain('class Summarize(dspy.Module)');
    expect(flex?.code?.pointer).toBe('/module.flex/module_src');
    expect(flex?.warnings?.[0]).toMatch(/executes this Python source when the file is loaded/);
  });
  it('says a Refine/BestOfN wrapper is why every name starts with module.', () => {
    expect(p.notes.join(' ')).toMatch(/dspy\.Refine or dspy\.BestOfN/);
    expect(p.modules.map((m) => m.path[0])).toEqual(['module', 'module']);
  });
  it('the loader rules agree about the dropped endpoint', () => {
    expect(checkDspyLoad(load('dspy-3.3-refine-flex.json'), '3.3.1')).toEqual([
      { kind: 'warning', message: 'lm.api_base is dropped on load unless allow_unsafe_lm_state=True', path: '/module.predict/lm/api_base' },
    ]);
  });
});
