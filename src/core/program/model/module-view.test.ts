import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyzeProgram } from '../formats/analyze';
import { jsonSizeExceeds, moduleView, restoreLeftOut } from './module-view';

const state = (demos: unknown[]) => ({
  traces: [],
  train: [],
  demos,
  signature: {
    instructions: 'Answer.',
    fields: [
      { prefix: 'Q:', description: 'q' },
      { prefix: 'A:', description: 'a' },
    ],
  },
  lm: null,
});

describe('module view', () => {
  it('jsonSizeExceeds agrees with the JSON length, up to its rough counting', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const length = JSON.stringify(v)?.length ?? 0;
        expect(jsonSizeExceeds(v, length * 4 + 16)).toBe(false);
        if (length > 64) expect(jsonSizeExceeds(v, Math.floor(length / 8))).toBe(true);
      }),
    );
  });

  it('shows a small module whole', () => {
    const s = state([{ q: 'a', a: 'b' }]);
    const program = analyzeProgram({ 'x.predict': s });
    expect(moduleView(s, program.modules[0]!).leftOut).toBeUndefined();
  });

  it('leaves megabytes of demos out, and puts them back in their place after an edit', () => {
    const demos = Array.from({ length: 300 }, (_, i) => ({ q: `question ${i}`, a: 'x'.repeat(100) }));
    const s = state(demos);
    const program = analyzeProgram({ 'x.predict': s });
    const { view, leftOut } = moduleView(s, program.modules[0]!, 10_000);
    expect(leftOut).toEqual({ key: 'demos', index: 2, count: 300 });
    expect(Object.keys(view as object)).toEqual(['traces', 'train', 'signature', 'lm']);
    const edited = { ...(view as Record<string, unknown>), signature: { instructions: 'Answer briefly.', fields: [] } };
    const back = restoreLeftOut(edited, s, leftOut!) as Record<string, unknown>;
    expect(Object.keys(back)).toEqual(['traces', 'train', 'demos', 'signature', 'lm']);
    expect(back.demos).toBe(demos);
    expect(() => restoreLeftOut({ ...edited, demos: [] }, s, leftOut!)).toThrow(/left out of this view/);
  });
});
