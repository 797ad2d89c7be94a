/**
 * Every edit, applied with fast-json-patch, shows up in a fresh analysis; its inverse restores
 * the value exactly (key order included), over random edit sequences on several formats.
 */
import fc from 'fast-check';
import jsonpatch from 'fast-json-patch';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { readRepoFile } from '../../../test-support/real-fixtures';
import { analyzeProgram } from '../formats/analyze';
import { readDemos } from './demos';
import { setFieldProp, setInstructions } from '../formats/kind-edits';
import { addDemo, duplicateDemo, moveDemo, removeDemos, setDemoField, setParam } from './edits';
import type { Edit, Operation, Program } from './program';

const text = (n: string): string => new TextDecoder().decode(readRepoFile(`fixtures/programs/${n}`));
const BASES: Record<string, () => unknown> = {
  'dspy-era-f': () => JSON.parse(text('dspy-era-f.json')),
  'dspy-era-b': () => JSON.parse(text('dspy-era-b.json')),
  'dspy-era-c': () => JSON.parse(text('dspy-era-c.json')),
  envelope: () => JSON.parse(text('envelope-1.1.0.json')),
  'envelope-yaml': () => YAML.parse(text('envelope-1.1.0.yaml')),
  'dspy-go': () => JSON.parse(text('dspy-go.json')),
  dsrs: () => JSON.parse(text('dsrs.json')),
};

function apply(value: unknown, ops: readonly Operation[]): unknown {
  return jsonpatch.applyPatch(structuredClone(value), ops as Operation[], true, false).newDocument;
}

type Cmd = { kind: string; pick: number; a: number; b: number; s: string; v: unknown; picks: number[] };

const word = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ]{0,12}$/);
const cmdArb: fc.Arbitrary<Cmd> = fc.record({
  kind: fc.constantFrom('instructions', 'demoField', 'addDemo', 'duplicate', 'remove', 'move', 'param', 'fieldDesc'),
  pick: fc.nat(),
  a: fc.nat(),
  b: fc.nat(),
  s: word,
  v: fc.oneof(word, fc.integer(), fc.boolean(), fc.constant(null), fc.array(word, { maxLength: 3 })),
  picks: fc.array(fc.nat(), { maxLength: 3 }),
});

/** Runs one command if it applies to this program; returns the edit and a check of its effect. */
function run(value: unknown, p: Program, c: Cmd): { edit: Edit; check: (after: Program, v: unknown) => void } | undefined {
  const mods = p.modules;
  if (mods.length === 0) return undefined;
  const m = mods[c.pick % mods.length];
  if (!m) return undefined;
  const withDemos = m.demosPointer !== undefined;
  const n = m.demoCount;
  const find = (q: Program) => q.modules.find((x) => x.id === m.id);
  switch (c.kind) {
    case 'instructions': {
      if (!m.instructionsPointer && !(p.format.startsWith('envelope') || p.format === 'dsrs')) return undefined;
      return { edit: setInstructions(value, p, m.id, c.s), check: (q) => expect(find(q)?.signature?.instructions).toBe(c.s) };
    }
    case 'demoField': {
      if (!withDemos || n === 0) return undefined;
      const i = c.a % n;
      const name = ['question', 'answer', 'note'][c.b % 3] ?? 'note';
      return {
        edit: setDemoField(value, p, m.id, i, name, c.v),
        check: (q, v) => expect(readDemos(v, q, m.id, i, 1)[0]?.fields).toContainEqual([name, c.v]),
      };
    }
    case 'addDemo': {
      if (!withDemos) return undefined;
      const at = c.a % (n + 1);
      const fields: Array<[string, unknown]> = [
        ['question', c.s],
        ['answer', c.v],
      ];
      return {
        edit: addDemo(value, p, m.id, fields, at),
        check: (q, v) => {
          expect(find(q)?.demoCount).toBe(n + 1);
          expect(readDemos(v, q, m.id, at, 1)[0]?.fields).toEqual(expect.arrayContaining(fields));
        },
      };
    }
    case 'duplicate': {
      if (!withDemos || n === 0) return undefined;
      const i = c.a % n;
      const before = readDemos(value, p, m.id, i, 1)[0]?.fields;
      return { edit: duplicateDemo(value, p, m.id, i), check: (q, v) => expect(readDemos(v, q, m.id, i + 1, 1)[0]?.fields).toEqual(before) };
    }
    case 'remove': {
      if (!withDemos || n === 0) return undefined;
      const idx = [...new Set(c.picks.map((x) => x % n))];
      return { edit: removeDemos(value, p, m.id, idx), check: (q) => expect(find(q)?.demoCount).toBe(n - idx.length) };
    }
    case 'move': {
      if (!withDemos || n === 0) return undefined;
      const from = c.a % n;
      const to = c.b % n;
      const moved = readDemos(value, p, m.id, from, 1)[0]?.fields;
      return { edit: moveDemo(value, p, m.id, from, to), check: (q, v) => expect(readDemos(v, q, m.id, to, 1)[0]?.fields).toEqual(moved) };
    }
    case 'param': {
      if (m.kind === 'retrieve') return { edit: setParam(value, p, m.id, 'k', c.a), check: (q) => expect(find(q)?.params.k).toBe(c.a) };
      if (m.kind !== 'predict' || p.format === 'dsrs') return undefined;
      const key = ['temperature', 'max_tokens', 'style'][c.b % 3] ?? 'style';
      return { edit: setParam(value, p, m.id, key, c.v), check: (q) => expect(find(q)?.params[key]).toEqual(c.v) };
    }
    case 'fieldDesc': {
      const fields = m.signature?.fields ?? [];
      if (fields.length === 0 || m.signature?.pointer === undefined || p.format === 'dspy-go') return undefined;
      const i = c.a % fields.length;
      return { edit: setFieldProp(value, p, m.id, i, 'description', c.s), check: (q) => expect(find(q)?.signature?.fields[i]?.description).toBe(c.s) };
    }
  }
  return undefined;
}

describe('edits', () => {
  it.each(Object.keys(BASES))('property: random edit sequences on %s show up and undo exactly', (base) => {
    const make = BASES[base];
    if (!make) throw new Error(base);
    fc.assert(
      fc.property(fc.array(cmdArb, { minLength: 1, maxLength: 8 }), (cmds) => {
        const original = make();
        const originalText = JSON.stringify(original);
        let value = original;
        const inverses: Operation[][] = [];
        let applied = 0;
        for (const c of cmds) {
          const p = analyzeProgram(value);
          const r = run(value, p, c);
          if (!r) continue;
          const before = JSON.stringify(value);
          const next = apply(value, r.edit.ops);
          expect(JSON.stringify(value)).toBe(before); // edits are pure: the input is untouched
          const q = analyzeProgram(next);
          expect(q.format).toBe(p.format);
          r.check(q, next);
          expect(JSON.stringify(apply(next, r.edit.inverse))).toBe(before);
          expect(r.edit.label).toMatch(/\S/);
          inverses.push(r.edit.inverse);
          value = next;
          applied++;
        }
        for (const inv of inverses.reverse()) value = apply(value, inv);
        expect(JSON.stringify(value)).toBe(originalText);
        return applied >= 0;
      }),
      { numRuns: 60 },
    );
  });

  it('edits touch only the paths they must', () => {
    const v = JSON.parse(text('dspy-era-f.json'));
    const p = analyzeProgram(v);
    expect(setInstructions(v, p, 'agent.extract.predict', 'Be brief.').ops).toEqual([
      { op: 'replace', path: '/agent.extract.predict/signature/instructions', value: 'Be brief.' },
    ]);
    expect(setDemoField(v, p, 'agent.react', 0, 'question', 'Q?').ops).toEqual([{ op: 'replace', path: '/agent.react/demos/0/question', value: 'Q?' }]);
    expect(removeDemos(v, p, 'agent.react', [0]).label).toBe('Remove demo 1 of agent.react');
    const y = YAML.parse(text('envelope-1.1.0.yaml'));
    const py = analyzeProgram(y);
    expect(setInstructions(y, py, 'answer', 'Cite.').ops).toEqual([
      { op: 'replace', path: '/:program/:modules/1/:parameters/:instruction_template', value: 'Cite.' },
    ]);
    expect(setDemoField(y, py, 'answer', 0, 'answer', 'x').ops[0]?.path).toBe('/:program/:modules/1/:demonstrations/0/:answer');
    expect(setFieldProp(y, py, 'answer', 2, 'type', 'int').ops).toEqual([
      {
        op: 'replace',
        path: '/:program/:modules/1/:signature',
        value: 'question: string, context: list -> answer: int, rationale: string "why the answer follows"',
      },
    ]);
  });

  it('era B instructions map to signature_instructions; DSPy field names cannot be set', () => {
    const v = JSON.parse(text('dspy-era-b.json'));
    const p = analyzeProgram(v);
    expect(setInstructions(v, p, 'generate_answer', 'X').ops[0]?.path).toBe('/generate_answer/signature_instructions');
    expect(setInstructions(v, p, 'generate_answer', 'X', 'extended').ops[0]?.path).toBe('/generate_answer/extended_signature_instructions');
    expect(() => setFieldProp(v, p, 'generate_answer', 0, 'name', 'q')).toThrow(/does not store/);
  });
});
