/** Filtering demos: case-insensitive, over keys and values at any depth, the typed text taken literally. */
import { describe, expect, it } from 'vitest';
import { analyzeProgram } from '../formats/analyze';
import { filterDemos } from './demos';
import { predictorProgram } from '../../../test-support/small-program';

const value = predictorProgram(
  [
    { question: 'Where is the Musée d’Orsay?', answer: 'PARIS' },
    { question: 'What is 2+2?', answer: 4, augmented: true },
    { question: 'f(x) for x in [1, 2]', answer: { items: ['ÉTÉ', 'winter'] } },
    { rationale_notes: 'none', question: 'Capital of Peru?', answer: 'Lima' },
  ],
  'answer',
);
const program = analyzeProgram(value);
const find = (text: string) => filterDemos(value, program, 'answer', text);

describe('filterDemos', () => {
  it('matches without regard to case, in strings, numbers, booleans and nested values', () => {
    expect(find('paris')).toEqual([0]);
    expect(find('musÉe')).toEqual([0]);
    expect(find('été')).toEqual([2]);
    expect(find('4')).toEqual([1]);
    expect(find('TRUE')).toEqual([1]);
    expect(find('WINTER')).toEqual([2]);
  });

  it('matches keys, and takes characters that mean something in a pattern literally', () => {
    expect(find('rationale_')).toEqual([3]);
    expect(find('2+2')).toEqual([1]);
    expect(find('f(x)')).toEqual([2]);
    expect(find('[1, 2]')).toEqual([2]);
    expect(find('.*')).toEqual([]);
  });

  it('gives every demo for blank text and none for text no demo holds', () => {
    expect(find('  ')).toEqual([0, 1, 2, 3]);
    expect(find('zebra')).toEqual([]);
  });
});
