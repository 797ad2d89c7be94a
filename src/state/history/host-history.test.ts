/**
 * The worker's side of the history: the SHA-256 of the bytes as opened (handed over once), a version
 * replayed from the original, and the difference that restores it on top of the current value.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DocumentHost } from '../../worker/document-host';
import { SMALL_PROGRAM, SMALL_PROGRAM_TEXT } from '../../test-support/small-program';

const program = SMALL_PROGRAM;
const data = new TextEncoder().encode(SMALL_PROGRAM_TEXT);
const ID = 'generate_answer.predict';

async function opened() {
  const host = new DocumentHost();
  await host.open({ source: { kind: 'bytes', bytes: data.slice().buffer, name: 'p.json' } }, () => undefined);
  return host;
}

describe('document host history methods', () => {
  it('hashes the bytes as opened and hands them over once', async () => {
    const host = await opened();
    const first = await host.original();
    expect(first.sha256).toBe(createHash('sha256').update(data).digest('hex'));
    expect(first.size).toBe(data.length);
    expect(first.bytes).toEqual(data);
    const again = await host.original();
    expect(again.sha256).toBe(first.sha256);
    expect(again.bytes).toBeUndefined();
  });

  it('replays a version from the original and restores it as a small difference', async () => {
    const host = await opened();
    const e1 = host.edit({ edit: { kind: 'instructions', moduleId: ID, text: 'Be terse.' } }).edit;
    const e2 = host.edit({ edit: { kind: 'remove-demos', moduleId: ID, demoIndexes: [0] } }).edit;
    const v1 = host.versionText({ ops: e1.ops, pointer: `/${ID}/signature/instructions`, maxChars: 1000 });
    expect(v1).toEqual({ text: '"Be terse."' });
    expect(host.versionText({ ops: [], pointer: '/nothing', maxChars: 1000 })).toEqual({ absent: true });
    expect(host.versionText({ ops: [], pointer: '', maxChars: 10 })).toMatchObject({ tooLarge: expect.any(Number) });

    // Back to the original: the removed demo returns as one add, the instructions as one replace.
    const diff = host.versionDiff({ ops: [] });
    expect(diff.ops).toEqual([
      { op: 'add', path: `/${ID}/demos/0`, value: program[ID].demos[0] },
      { op: 'replace', path: `/${ID}/signature/instructions`, value: 'Answer briefly.' },
    ]);
    host.applyOps({ ops: diff.ops });
    expect(JSON.parse((host.text({ pointer: '', maxChars: 1e6 }) as { text: string }).text)).toEqual(program);
    host.applyOps({ ops: diff.inverse });
    expect(host.versionDiff({ ops: [...e1.ops, ...e2.ops] }).ops).toEqual([]);
  });
});
