import { describe, expect, it } from 'vitest';
import { readRealFixture, readRepoFile, realDspyFiles, realFixturesPresent } from '../../../test-support/real-fixtures';
import { analyzeProgram } from '../formats/analyze';
import { deepEqual } from '../model/deep-equal';
import { isObject } from '../model/keys';
import { applyWithInverse } from '../model/patch';
import type { Program } from '../model/program';
import { dspyStateSchema } from '../formats/dspy/schema';
import { validateValue } from '../schemas/validate';
import { checkDspyLoad, loadErrors } from '../formats/dspy/migrations/loader-check';
import { applyPlan, planMigration } from './plan';

const load = (name: string): unknown => JSON.parse(new TextDecoder().decode(readRepoFile(`fixtures/programs/${name}`)));
const OWN = ['dspy-era-a.json', 'dspy-era-b.json', 'dspy-era-c.json', 'dspy-era-d.json', 'dspy-era-e.json', 'dspy-era-f.json', 'dspy-lm-api-key.json'];

/** Demos and the instructions a predictor ran (the extended signature's for a 2.5 CoT), by module. */
function essence(value: unknown, program: Program): Array<{ demos: unknown; instructions: unknown }> {
  return program.modules
    .filter((m) => m.kind === 'predict')
    .map((m) => {
      const state = (value as Record<string, Record<string, unknown>>)[m.id] ?? {};
      const ext = state.extended_signature;
      const sig = state.signature;
      const instructions = isObject(ext)
        ? ext.instructions
        : isObject(sig)
          ? sig.instructions
          : (state.extended_signature_instructions ?? state.signature_instructions);
      return { demos: state.demos, instructions };
    });
}

function migrateTo3(value: unknown) {
  const program = analyzeProgram(value);
  const applied = applyPlan(value, program, '3.x');
  return { program, applied, after: analyzeProgram(applied.value) };
}

describe('DSPy migrations on our own fixtures', () => {
  it.each(OWN)('%s → 3.x matches the era F schema, keeps demos and instructions, and a second run changes nothing', (name) => {
    const value = load(name);
    const { program, applied, after } = migrateTo3(value);
    expect(validateValue(applied.value, dspyStateSchema('F'))).toEqual([]);
    expect(after.era).toBe('F');
    const before = essence(value, program);
    const now = essence(applied.value, after);
    expect(now.map((e) => e.demos)).toEqual(before.map((e) => e.demos));
    // Era A saved no instructions; the migration proposes some.
    if (program.era !== 'A') expect(now.map((e) => e.instructions)).toEqual(before.map((e) => e.instructions));
    const again = planMigration(applied.value, after, '3.x');
    expect(again.steps.flatMap((s) => s.ops)).toEqual([]);
    expect(again.needed).toBe(false);
  });

  it.each(OWN)('%s: the inverse restores the value exactly, key order included', (name) => {
    const value = load(name);
    const { applied } = migrateTo3(value);
    const back = applyWithInverse(applied.value, applied.inverse).value;
    expect(deepEqual(back, value)).toBe(true);
  });

  it('era B: legacy strings become a signature whose fields are inferred and reported', () => {
    const value = load('dspy-era-b.json');
    const plan = planMigration(value, analyzeProgram(value));
    expect(plan.needed).toBe(true);
    expect(plan.reason).toMatch(/^Saved with DSPy .*\(era B\)\. DSPy 2\.5\.6\+ cannot load this file/);
    expect(plan.steps.map((s) => s.id)).toEqual(['dspy.legacy-signature', 'dspy.cot-predict', 'dspy.metadata', 'dspy.key-order']);
    expect(plan.steps[0]?.notes.join(' ')).toMatch(/inferred .*`context`, `question`, `rationale`, `answer`.*confirm/);
    const { applied } = migrateTo3(value);
    const root = applied.value as Record<string, Record<string, unknown>>;
    expect(Object.keys(root)).toEqual(['retrieve', 'generate_answer.predict', 'metadata']);
    expect(Object.keys(root['generate_answer.predict'] ?? {})).toEqual(['traces', 'train', 'demos', 'signature', 'lm']);
    expect(root['generate_answer.predict']?.signature).toMatchObject({
      fields: [{ prefix: 'Context:' }, { prefix: 'Question:' }, { prefix: "Reasoning: Let's think step by step in order to" }, { prefix: 'Answer:' }],
    });
    expect(root.metadata).toEqual({ dependency_versions: { python: '3.12', dspy: '3.3.1', cloudpickle: '3.1' } });
  });

  it('era A: proposes a signature from the demo keys and takes a reasoning field for a ChainOfThought', () => {
    const value = load('dspy-era-a.json');
    const { applied } = migrateTo3(value);
    const state = (applied.value as Record<string, Record<string, unknown>>)['generate_answer.predict'];
    expect(state?.signature).toMatchObject({ instructions: 'Given the fields `context`, `question`, produce the fields `answer`.' });
    expect(applied.notes.join(' ')).toMatch(/proposed/);
  });

  it('era D: a top-level CoT saved as self becomes predict, with the extended signature', () => {
    const value = load('dspy-era-d.json') as Record<string, Record<string, unknown>>;
    const { applied } = migrateTo3(value);
    const root = applied.value as Record<string, Record<string, unknown>>;
    expect(root.self).toBeUndefined();
    expect(root.predict?.signature).toEqual(value.self?.extended_signature);
    expect(root.predict && 'extended_signature' in root.predict).toBe(false);
    expect(applied.notes.join(' ')).toMatch(
      /kept the extended signature's instructions \(the ones 2\.5 ran\); the plain one's are not carried: "Answer questions with short factoid answers\."/,
    );
  });

  it('a CoT whose plain and extended instructions differ asks which to keep: the extended by default, the plain when chosen', () => {
    const value = load('dspy-era-d.json') as Record<string, Record<string, Record<string, unknown>>>;
    const plain = value.self?.signature?.instructions;
    const extended = value.self?.extended_signature?.instructions;
    const plan = planMigration(value, analyzeProgram(value), '3.x');
    expect(plan.questions).toEqual([
      expect.objectContaining({
        kind: 'instructions',
        key: 'self',
        signature: plain,
        extended,
        default: 'extended',
        why: expect.stringMatching(/ran a ChainOfThought with its extended signature/),
      }),
    ]);
    const applied = applyPlan(value, analyzeProgram(value), '3.x', { choices: { instructions: { self: 'signature' } } });
    const root = applied.value as Record<string, Record<string, Record<string, unknown>>>;
    expect(root.predict?.signature?.instructions).toBe(plain);
    // Only the instructions are taken from the plain signature: the fields stay the extended ones (with reasoning).
    expect(root.predict?.signature?.fields).toEqual(value.self?.extended_signature?.fields);
    expect(applied.notes.join(' ')).toMatch(/kept the plain signature's instructions, as chosen/);
    // The inverse still restores the file exactly.
    expect(deepEqual(applyWithInverse(applied.value, applied.inverse).value, value)).toBe(true);
  });

  it('era B without demos: the fields cannot be recovered, the plan says so and asks; a pasted signature gives them, the saved prefix on the last', () => {
    const value = {
      classify: {
        lm: null,
        traces: [],
        train: [],
        demos: [],
        signature_instructions: 'Classify the ticket by urgency, most urgent first.',
        signature_prefix: 'Urgency Level:',
      },
    };
    const program = analyzeProgram(value);
    const plan = planMigration(value, program, '3.x');
    expect(plan.questions).toEqual([
      expect.objectContaining({
        kind: 'fields',
        key: 'classify',
        knownPrefix: 'Urgency Level:',
        message: expect.stringMatching(/cannot be recovered.*DSPy keeps the fields.*of your signature class/),
      }),
    ]);
    // Unanswered, the instructions are kept and the fields left to the class.
    const blind = applyPlan(value, program, '3.x').value as Record<string, Record<string, unknown>>;
    expect(blind.classify?.signature).toEqual({ instructions: 'Classify the ticket by urgency, most urgent first.', fields: [] });
    // Answered with the fields of a pasted signature: names in DSPy's order, defaults, the saved prefix on the last field.
    const fields = [
      { name: 'urgency', role: 'output' as const },
      { name: 'ticket_text', role: 'input' as const, description: 'The ticket as the customer wrote it.' },
    ];
    const applied = applyPlan(value, program, '3.x', { choices: { fields: { classify: fields } } });
    const state = (applied.value as Record<string, Record<string, unknown>>).classify;
    expect(state?.signature).toEqual({
      instructions: 'Classify the ticket by urgency, most urgent first.',
      fields: [
        { prefix: 'Ticket Text:', description: 'The ticket as the customer wrote it.' },
        { prefix: 'Urgency Level:', description: '${urgency}' },
      ],
    });
    expect(applied.notes.join(' ')).toMatch(/fields written from the signature you gave: `ticket_text`, `urgency`\./);
    expect(planMigration(applied.value, analyzeProgram(applied.value), '3.x').questions).toBeUndefined();
  });

  it('to 2.5.x: era D layout, extended_signature kept, lm first, full versions in metadata', () => {
    const value = load('dspy-era-b.json');
    const program = analyzeProgram(value);
    const applied = applyPlan(value, program, '2.5.x');
    const root = applied.value as Record<string, Record<string, unknown>>;
    expect(Object.keys(root.generate_answer ?? {})).toEqual(['lm', 'traces', 'train', 'demos', 'signature', 'extended_signature']);
    expect(root.metadata).toEqual({ dependency_versions: { python: '3.11.10', dspy: '2.5.43', cloudpickle: '3.1.1' } });
    expect(analyzeProgram(applied.value).era).toBe('D');
    expect(loadErrors(applied.value, '2.5.43')).toEqual([]);
    expect(loadErrors(applied.value, '2.6.0').map((p) => p.kind)).toEqual(['NotImplementedError']);
  });

  it('does not offer a downgrade: an era F file has no 2.5.x target', () => {
    const value = load('dspy-era-f.json');
    const plan = planMigration(value, analyzeProgram(value), '2.5.x');
    expect(plan.targets.map((t) => t.id)).toEqual(['3.x', '2.6.x']);
    expect(plan.steps).toEqual([]);
    expect(plan.reason).toMatch(/already newer than DSPy 2\.5\.x/);
    expect(() => applyPlan(value, analyzeProgram(value), '2.5.x')).toThrow(/already newer/);
  });

  it('reports lm keys the target refuses and keeps them', () => {
    const value = load('dspy-lm-api-key.json');
    const plan = planMigration(value, analyzeProgram(value), '3.x');
    expect(plan.needed).toBe(false);
    expect(plan.steps.map((s) => [s.id, s.ops.length])).toEqual([['dspy.lm-keys', 0]]);
    expect(plan.steps[0]?.notes.join(' ')).toMatch(/api_key is saved in plain text/);
    const withUnsafe = structuredClone(value) as Record<string, Record<string, Record<string, unknown>>>;
    (withUnsafe.predict as Record<string, Record<string, unknown>>).lm!.api_base = 'http://localhost:8000';
    const notes = planMigration(withUnsafe, analyzeProgram(withUnsafe), '3.x')
      .steps.flatMap((s) => s.notes)
      .join(' ');
    expect(notes).toMatch(/lm\.api_base will be dropped by DSPy 3\.3\.1/);
    expect(checkDspyLoad(withUnsafe, '3.3.1')).toEqual([{ kind: 'warning', message: expect.stringMatching(/api_base/), path: '/predict/lm/api_base' }]);
    expect(checkDspyLoad(withUnsafe, '3.1.3')).toEqual([]);
  });
});

describe('DSPy loader check', () => {
  it.each([
    ['dspy-era-a.json', "KeyError: 'metadata'"],
    ['dspy-era-b.json', "KeyError: 'metadata'"],
    ['dspy-era-c.json', "KeyError: 'metadata'"],
    ['dspy-era-d.json', 'NotImplementedError: Loading extended_signature is no longer supported in DSPy 2.6+'],
  ])('fails on unmigrated %s with %s', (name, message) => {
    const problems = loadErrors(load(name), '3.3.1');
    expect(problems.map((p) => p.message)).toContain(message);
  });

  it('names the error each DSPy line raises on an era B file, with its path', () => {
    const value = load('dspy-era-b.json');
    expect(checkDspyLoad(value, '2.5.5')).toEqual([]);
    expect(checkDspyLoad(value, '2.5.20')).toEqual([
      { kind: 'ValueError', message: expect.stringMatching(/use_legacy_loading=True/), path: '/generate_answer' },
    ]);
    expect(checkDspyLoad(value, '2.5.43')).toEqual([
      { kind: 'KeyError', message: "KeyError: 'metadata'", path: '/metadata' },
      { kind: 'KeyError', message: "KeyError: 'signature'", path: '/generate_answer/signature' },
    ]);
  });

  it.each(OWN)('passes on %s once migrated, for every target it offers', (name) => {
    const value = load(name);
    const program = analyzeProgram(value);
    for (const t of planMigration(value, program).targets) {
      const applied = applyPlan(value, program, t.id);
      expect(loadErrors(applied.value, t.version), `${name} → ${t.id}`).toEqual([]);
    }
  });
});

describe.runIf(realFixturesPresent())('DSPy migrations on the real corpus', () => {
  const states = realDspyFiles()
    .map((name) => ({ name, value: JSON.parse(new TextDecoder().decode(readRealFixture(name))) as unknown }))
    .filter((f) => analyzeProgram(f.value).format === 'dspy-state');

  it('has files of the old eras to prove the point', () => {
    expect(states.filter((f) => loadErrors(f.value, '3.3.1').length > 0).length).toBeGreaterThanOrEqual(4);
  });

  it.each(states.map((f) => [f.name, f.value] as const))('%s → 3.x loads, matches era F, keeps demos, and is idempotent', (_name, value) => {
    const { program, applied, after } = migrateTo3(value);
    expect(loadErrors(applied.value, '3.3.1')).toEqual([]);
    expect(validateValue(applied.value, dspyStateSchema('F'))).toEqual([]);
    expect(after.era).toBe('F');
    expect(essence(applied.value, after).map((e) => e.demos)).toEqual(essence(value, program).map((e) => e.demos));
    expect(planMigration(applied.value, after, '3.x').steps.flatMap((s) => s.ops)).toEqual([]);
    expect(deepEqual(applyWithInverse(applied.value, applied.inverse).value, value)).toBe(true);
  });
});
