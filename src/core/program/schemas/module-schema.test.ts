import { describe, expect, it } from 'vitest';
import { analyzeProgram } from '../formats/analyze';
import { moduleSchemaFor } from '../formats/schemas';
import { validateValue } from './validate';
import { getAtPointer } from '../../engine/json-pointer';

const state = {
  retrieve: { k: 3 },
  'answer.predict': {
    traces: [],
    train: [],
    demos: [{ question: 'q', answer: 'a' }],
    signature: {
      instructions: 'Answer.',
      fields: [
        { prefix: 'Question:', description: 'q' },
        { prefix: 'Answer:', description: 'a' },
      ],
    },
    lm: null,
  },
  metadata: { dependency_versions: { python: '3.12', dspy: '3.0.3', cloudpickle: '3.1' } },
};

describe('moduleSchemaFor', () => {
  const program = analyzeProgram(state);
  it('accepts each saved module as it is', () => {
    for (const module of program.modules) {
      const schema = moduleSchemaFor(program, module);
      expect(schema, module.id).toBeDefined();
      expect(validateValue(getAtPointer(state, module.pointer), schema!)).toEqual([]);
    }
  });
  it('names the path of a predictor whose demos are not a list', () => {
    const predict = program.modules.find((m) => m.id === 'answer.predict')!;
    const errors = validateValue({ ...state['answer.predict'], demos: 'none' }, moduleSchemaFor(program, predict)!);
    expect(errors.map((e) => e.pointer)).toContain('/demos');
  });
});
