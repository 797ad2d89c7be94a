/**
 * The measurement the history promises: one demo edit of a 10 MB program is stored as a patch of a
 * few hundred bytes, not a copy. Printed so it shows in the test output.
 */
import { describe, expect, it } from 'vitest';
import { analyzeProgram } from '../formats/analyze';
import { setDemoField } from '../model/edits';
import { entryBytes, makeEntry } from './make-entry';
import { predictorProgram } from '../../../test-support/small-program';

function tenMegabyteProgram(): unknown {
  const demos = [];
  let size = 0;
  for (let i = 0; size < 10_000_000; i++) {
    const d = {
      augmented: true,
      question: `Question ${i}: ${'what is the capital of a country '.repeat(8)}`,
      answer: `Answer ${i} ${'lorem ipsum '.repeat(20)}`,
    };
    size += JSON.stringify(d).length + 1;
    demos.push(d);
  }
  return predictorProgram(demos);
}

describe('history entry size', () => {
  it('one demo edit of a 10 MB program stores a small patch', () => {
    const value = tenMegabyteProgram();
    const programBytes = JSON.stringify(value).length;
    const program = analyzeProgram(value);
    const edit = setDemoField(value, program, 'generate_answer.predict', 1234, 'answer', 'Paris');
    const entry = makeEntry({
      docId: 'f'.repeat(64),
      parent: `${'0'.repeat(10)}-tab00000-0000`,
      kind: 'edit',
      label: edit.label,
      ops: edit.ops,
      tab: 'tab00000',
      time: Date.now(),
      counter: 1,
    });
    const bytes = entryBytes(entry);
    console.log(`[measure] history entry for one demo edit of a ${(programBytes / 1e6).toFixed(1)} MB program: ${bytes} bytes (${edit.ops.length} op)`);
    expect(programBytes).toBeGreaterThanOrEqual(10_000_000);
    expect(bytes).toBeLessThan(1024);
  });
});
