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
