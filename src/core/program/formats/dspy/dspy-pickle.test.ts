/** A DSPy state saved as a pickle reads into the same program as its JSON twin (moved here from the engine: it needs the kinds). */
import { describe, expect, it } from 'vitest';
import { fixture, fixtureJson } from '../../../engine/pickle/fixture-files.test.ts';
import { readPickle } from '../../../engine/pickle/reader.ts';
import { pickleToValue } from '../../../engine/pickle/to-value.ts';
import { analyzeProgram } from '../analyze.ts';

describe('DSPy .pkl state through the program model', () => {
  it('gives the same Program as its JSON twin', () => {
    const fromPkl = analyzeProgram(pickleToValue(readPickle(fixture('dspy-state.pkl')).value));
    const fromJson = analyzeProgram(fixtureJson('dspy-state.json'));
    expect(fromPkl.ecosystem).toBe('dspy');
    expect(fromPkl.modules.map((m) => [m.id, m.demoCount])).toEqual([['generate.predict', 2]]);
    expect(fromPkl).toEqual(fromJson);
  });
});
