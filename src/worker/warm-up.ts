/**
 * A spare document worker's first job, done while the page is idle: open a tiny built-in program
 * the way a dropped file is opened and read its first page. The first open of a fresh worker is
 * mostly the engine's code being compiled, not decoding; paying that here leaves the user's open
 * only its own work. Nothing is kept: the host's state is untouched.
 */
import { sha256Hex } from '../core/engine/checksum/sha256';
import { decodeBytes } from '../core/engine/pipeline/decode';
import { ProgramDocument } from '../core/program/document/program-document';

/** A DSPy 2.5-style state with one predictor and one demo: the common path of a real file. */
const TINY_PROGRAM = JSON.stringify(
  {
    answer: {
      traces: [],
      train: [],
      demos: [{ augmented: true, question: 'What is two plus two?', answer: '4' }],
      signature: {
        instructions: 'Answer the question.',
        fields: [
          { prefix: 'Question:', description: '${question}' },
          { prefix: 'Answer:', description: '${answer}' },
        ],
      },
      lm: null,
    },
    metadata: { dependency_versions: { python: '3.11', dspy: '2.5.0', cloudpickle: '3.0' } },
  },
  null,
  2,
);

/** Resolves to the demos it read: the warm-up went through the reader a real file takes. */
export async function warmUp(): Promise<number> {
  const bytes = new TextEncoder().encode(TINY_PROGRAM);
  const digest = sha256Hex(bytes);
  const decoded = await decodeBytes(bytes, { name: 'warm-up.json' });
  const doc = new ProgramDocument(decoded, { name: 'warm-up.json', context: { recipe: decoded.recipe, name: 'warm-up.json', siblings: [] } });
  let demos = 0;
  for (const m of doc.program.modules) {
    doc.module(m.id);
    demos += doc.demos(m.id, 0, 20).length;
  }
  await digest;
  return demos;
}
