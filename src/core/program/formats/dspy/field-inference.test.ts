import { describe, expect, it } from 'vitest';
import type { FieldInfo } from '../../model/program';
import { inferRoles } from './field-inference';

const field = (name: string): FieldInfo => ({ name, nameInferred: true, role: 'unknown' });

describe('inferRoles', () => {
  it('splits at the reasoning field', () => {
    const fields = ['context', 'question', 'reasoning', 'answer'].map(field);
    inferRoles(fields, undefined);
    expect(fields.map((f) => f.role)).toEqual(['input', 'input', 'output', 'output']);
  });
  it('splits where the optimizer instructions name the inputs', () => {
    const fields = ['question', 'context', 'answer', 'citations'].map(field);
    inferRoles(fields, 'Given the fields `question`, `context`, produce the fields `answer`, `citations`.');
    expect(fields.map((f) => f.role)).toEqual(['input', 'input', 'output', 'output']);
  });
  it('without evidence, knows only the ends: inputs are saved first, outputs last', () => {
    const two = ['passage', 'summary'].map(field);
    inferRoles(two, 'Summarize the passage in one sentence.');
    expect(two.map((f) => f.role)).toEqual(['input', 'output']);
    const three = ['a', 'b', 'c'].map(field);
    inferRoles(three, undefined);
    expect(three.map((f) => f.role)).toEqual(['input', 'unknown', 'output']);
  });
});
