import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatFragment, parseFragment } from './fragment';

describe('URL fragments', () => {
  it('keep readable module deep links', () => {
    expect(formatFragment({ moduleId: 'generate_answer.predict' })).toBe('#/m/generate_answer.predict');
    expect(parseFragment('#/m/generate_answer.predict')).toEqual({ moduleId: 'generate_answer.predict' });
    expect(parseFragment('#p=AbC_-&m=react.extract.predict')).toEqual({ payload: 'AbC_-', moduleId: 'react.extract.predict' });
    expect(parseFragment('')).toEqual({});
    expect(parseFragment('#/m/%E0%A4%A')).toEqual({});
    expect(formatFragment({})).toBe('');
  });

  it('round-trip any module id, with or without a payload', () => {
    fc.assert(
      fc.property(
        fc.option(fc.stringMatching(/^[A-Za-z0-9_-]{0,40}$/), { nil: undefined }),
        fc.option(fc.string({ minLength: 1 }), { nil: undefined }),
        (payload, moduleId) => {
          const fragment = { ...(payload !== undefined ? { payload } : {}), ...(moduleId !== undefined ? { moduleId } : {}) };
          expect(parseFragment(formatFragment(fragment))).toEqual(fragment);
        },
      ),
    );
  });
});
