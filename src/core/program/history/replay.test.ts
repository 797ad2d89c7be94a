/**
 * The history's promise: replaying the stored patches from the original gives exactly the value the
 * live edits made (key order included), for random sequences of edits, undos, redos and restores
 * made with the editor's own edit functions.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { readRepoFile } from '../../../test-support/real-fixtures';
import { analyzeProgram } from '../formats/analyze';
import { setFieldProp, setInstructions } from '../formats/kind-edits';
import { addDemo, duplicateDemo, moveDemo, removeDemos, setDemoField } from '../model/edits';
import { applyWithInverse } from '../model/patch';
import type { Edit, Program } from '../model/program';
import { diffValues } from './diff-values';
import type { HistoryEntry } from './history-types';
import { makeEntry } from './make-entry';
import { byId, lineTo, opsTo, replayTo } from './replay';

const text = (n: string): string => new TextDecoder().decode(readRepoFile(`fixtures/programs/${n}`));
const BASES: Record<string, () => unknown> = {
  'dspy-era-f': () => JSON.parse(text('dspy-era-f.json')),
  'dspy-era-b': () => JSON.parse(text('dspy-era-b.json')),
  envelope: () => JSON.parse(text('envelope-1.1.0.json')),
  'envelope-yaml': () => YAML.parse(text('envelope-1.1.0.yaml')),
  'dspy-go': () => JSON.parse(text('dspy-go.json')),
};

type Cmd = { kind: string; pick: number; a: number; b: number; s: string };
const word = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ]{0,12}$/);
const cmdArb: fc.Arbitrary<Cmd> = fc.record({
  kind: fc.constantFrom('instructions', 'demoField', 'addDemo', 'duplicate', 'remove', 'move', 'fieldDesc', 'undo', 'redo', 'restore'),
  pick: fc.nat(),
  a: fc.nat(),
  b: fc.nat(),
  s: word,
});

function editFor(value: unknown, p: Program, c: Cmd): Edit | undefined {
  const m = p.modules[c.pick % Math.max(1, p.modules.length)];
  if (!m) return undefined;
  const n = m.demoCount;
  const demos = m.demosPointer !== undefined;
  try {
    switch (c.kind) {
      case 'instructions':
        return setInstructions(value, p, m.id, c.s);
      case 'demoField':
        return demos && n > 0 ? setDemoField(value, p, m.id, c.a % n, ['question', 'answer'][c.b % 2]!, c.s) : undefined;
      case 'addDemo':
        return demos
          ? addDemo(
              value,
              p,
              m.id,
              [
                ['question', c.s],
                ['answer', c.s],
              ],
              c.a % (n + 1),
            )
          : undefined;
      case 'duplicate':
        return demos && n > 0 ? duplicateDemo(value, p, m.id, c.a % n) : undefined;
      case 'remove':
        return demos && n > 0 ? removeDemos(value, p, m.id, [c.a % n, c.b % n]) : undefined;
      case 'move':
        return demos && n > 0 ? moveDemo(value, p, m.id, c.a % n, c.b % n) : undefined;
      case 'fieldDesc': {
        const fields = m.signature?.fields ?? [];
        return fields.length > 0 ? setFieldProp(value, p, m.id, c.a % fields.length, 'description', c.s) : undefined;
      }
    }
  } catch {
    return undefined; // an edit this format does not support: the editor would refuse it too
  }
  return undefined;
}

describe('history replay', () => {
  it.each(Object.keys(BASES))('property: replaying stored patches from the original equals the live edits on %s', (base) => {
    const make = BASES[base]!;
    fc.assert(
      fc.property(fc.array(cmdArb, { minLength: 1, maxLength: 12 }), (cmds) => {
        const original = make();
        const snapshot = JSON.stringify(original);
        const entries: HistoryEntry[] = [];
        const versions = new Map<string, unknown>(); // the live value after each entry
        let counter = 0;
        const record = (kind: HistoryEntry['kind'], label: string, ops: Edit['ops'], parent: string | null, live: unknown): string => {
          const e = makeEntry({ docId: 'd', parent, kind, label, ops, tab: 't', time: 1000 + counter, counter: counter++ });
          entries.push(e);
          versions.set(e.id, live);
          return e.id;
        };
        let value = original;
        let head = record('open', 'Opened', [], null, value);
        const past: Edit[] = [];
        const future: Edit[] = [];
        for (const c of cmds) {
          if (c.kind === 'undo' || c.kind === 'redo') {
            const edit = c.kind === 'undo' ? past.pop() : future.shift();
            if (!edit) continue;
            const ops = c.kind === 'undo' ? edit.inverse : edit.ops;
            value = applyWithInverse(value, ops).value;
            if (c.kind === 'undo') future.unshift(edit);
            else past.push(edit);
            head = record(c.kind, edit.label, ops, head, value);
          } else if (c.kind === 'restore') {
            // Restore an earlier version as a new one on top: the difference, applied as an edit.
            const ids = [...versions.keys()];
            const target = ids[c.a % ids.length]!;
            const ops = diffValues(value, replayTo(original, byId(entries), target));
            const applied = applyWithInverse(value, ops);
            value = applied.value;
            past.push({ ops, inverse: applied.inverse, label: 'Restore' }); // undoable, as in the app
            future.length = 0;
            head = record('restore', `Restore ${target}`, ops, head, value);
            expect(value).toEqual(versions.get(target));
          } else {
            const edit = editFor(value, analyzeProgram(value), c);
            if (!edit || edit.ops.length === 0) continue;
            value = applyWithInverse(value, edit.ops).value;
            past.push(edit);
            future.length = 0;
            head = record('edit', edit.label, edit.ops, head, value);
          }
        }
        const map = byId(entries);
        for (const [id, live] of versions) {
          const replayed = replayTo(original, map, id);
          expect(JSON.stringify(replayed)).toBe(JSON.stringify(live)); // same keys in the same order
          expect(analyzeProgram(replayed)).toEqual(analyzeProgram(live));
        }
        expect(JSON.stringify(original)).toBe(snapshot); // replay never touches the original
      }),
      { numRuns: 40 },
    );
  });

  it('two lines from the same version (two tabs) replay independently', () => {
    const original = { a: 1, list: [1, 2, 3] };
    const open = makeEntry({ docId: 'd', parent: null, kind: 'open', label: 'Opened', ops: [], tab: 'x', time: 1, counter: 0 });
    const tabA = makeEntry({
      docId: 'd',
      parent: open.id,
      kind: 'edit',
      label: 'A',
      ops: [{ op: 'replace', path: '/a', value: 2 }],
      tab: 'a',
      time: 2,
      counter: 0,
    });
    const tabB = makeEntry({ docId: 'd', parent: open.id, kind: 'edit', label: 'B', ops: [{ op: 'remove', path: '/list/0' }], tab: 'b', time: 3, counter: 0 });
    const map = byId([open, tabA, tabB]);
    expect(replayTo(original, map, tabA.id)).toEqual({ a: 2, list: [1, 2, 3] });
    expect(replayTo(original, map, tabB.id)).toEqual({ a: 1, list: [2, 3] });
    expect(lineTo(map, tabB.id).map((e) => e.label)).toEqual(['Opened', 'B']);
  });

  it('a missing parent or a cycle is a typed error, not a wrong version', () => {
    const orphan = makeEntry({ docId: 'd', parent: 'gone', kind: 'edit', label: 'x', ops: [], tab: 't', time: 1, counter: 0 });
    expect(() => opsTo(byId([orphan]), orphan.id)).toThrow(/not in this history/);
    const loop = { ...orphan, parent: orphan.id };
    expect(() => opsTo(byId([loop]), loop.id)).toThrow(/cycle/);
  });
});
