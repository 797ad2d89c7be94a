/** A two-demo DSPy 3.x program for worker and history tests, and its text as DSPy (orjson) writes it. */
export const SMALL_PROGRAM = {
  'generate_answer.predict': {
    traces: [],
    train: [],
    demos: [
      { augmented: true, question: 'What is 2+2?', answer: '4' },
      { question: 'Capital of France?', answer: 'Paris' },
    ],
    signature: {
      instructions: 'Answer briefly.',
      fields: [
        { prefix: 'Question:', description: '${question}' },
        { prefix: 'Answer:', description: '${answer}' },
      ],
    },
    lm: null,
  },
  metadata: { dependency_versions: { python: '3.12', dspy: '3.0.3', cloudpickle: '3.1' } },
};

export const SMALL_PROGRAM_TEXT = JSON.stringify(SMALL_PROGRAM, null, 2) + '\n';

/**
 * A one-predictor DSPy 3.x program: `demos` under `key`, a signature of `fields` (each with DSPy's
 * default prefix, "Question:" for `question`) and the metadata DSPy 3.0 saves.
 */
export function predictorProgram(
  demos: unknown[],
  key = 'generate_answer.predict',
  fields: readonly string[] = ['question', 'answer'],
): Record<string, unknown> {
  return {
    [key]: {
      traces: [],
      train: [],
      demos,
      signature: {
        instructions: 'Answer.',
        fields: fields.map((f) => ({ prefix: `${f[0]!.toUpperCase()}${f.slice(1)}:`, description: `\${${f}}` })),
      },
      lm: null,
    },
    metadata: SMALL_PROGRAM.metadata,
  };
}
