import { describe, expect, it } from 'vitest';
import { analyzeProgram } from './analyze';

describe('analyzeProgram on a large program', () => {
  it('counts 50,000 demos without reading them (at most the first 64, for field names)', () => {
    let reads = 0;
    const demos: unknown[] = new Array(50_000);
    for (let i = 0; i < demos.length; i++) {
      Object.defineProperty(demos, i, { get: () => (reads++, { question: 'q', answer: 'a' }), enumerable: true });
    }
    const v = {
      'gen.predict': {
        traces: [],
        train: [],
        demos,
        signature: {
          instructions: 'I',
          fields: [
            { prefix: 'Question:', description: 'q' },
            { prefix: 'Answer:', description: 'a' },
          ],
        },
        lm: null,
      },
      metadata: { dependency_versions: { dspy: '3.0.3' } },
    };
    const p = analyzeProgram(v);
    expect(p.modules[0]?.demoCount).toBe(50_000);
    expect(reads).toBeLessThanOrEqual(64);
    expect(p.modules[0]?.signature?.fields.map((f) => f.name)).toEqual(['question', 'answer']);
  });
});
