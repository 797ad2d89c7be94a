import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { readRepoFile } from '../../../test-support/real-fixtures';
import { analyzeProgram } from '../formats/analyze';
import { deepEqual } from '../model/deep-equal';
import { applyWithInverse } from '../model/patch';
import { applyPlan, planMigration, readOnlyReason } from './plan';

const text = (name: string): string => new TextDecoder().decode(readRepoFile(`fixtures/programs/${name}`));

type Env = { version: string; program: { modules: Array<{ name: string; parameters?: Record<string, unknown>; [k: string]: unknown }>; [k: string]: unknown } };

/** Our 1.1.0 fixture taken back to 1.0.0: no streaming_enabled anywhere. */
function envelope100(): Env {
  const v = JSON.parse(text('envelope-1.1.0.json')) as Env;
  v.version = '1.0.0';
  for (const m of v.program.modules) delete m.parameters?.streaming_enabled;
  return v;
}

describe('envelope migrations', () => {
  it('1.0.0 → 1.1.0 adds streaming_enabled: false to every module and sets the version', () => {
    const value = envelope100();
    const program = analyzeProgram(value);
    const plan = planMigration(value, program);
    expect(plan.needed).toBe(true);
    expect(plan.steps.map((s) => s.id)).toEqual(['envelope.1.0-to-1.1']);
    const applied = applyPlan(value, program);
    const out = applied.value as Env;
    expect(out.version).toBe('1.1.0');
    expect(out.program.modules.map((m) => m.parameters?.streaming_enabled)).toEqual([false, false]);
    expect(deepEqual(out, JSON.parse(text('envelope-1.1.0.json')))).toBe(true);
    expect(deepEqual(applyWithInverse(out, applied.inverse).value, value)).toBe(true);
    const again = planMigration(out, analyzeProgram(out));
    expect(again.steps).toEqual([]);
    expect(again.needed).toBe(false);
  });

  it('adds a parameters object to a module that has none', () => {
    const value = envelope100();
    delete value.program.modules[0]!.parameters;
    const out = applyPlan(value, analyzeProgram(value)).value as Env;
    expect(out.program.modules[0]?.parameters).toEqual({ streaming_enabled: false });
  });

  it('keeps Ruby symbol keys in a YAML file that uses them', () => {
    const doc = YAML.parse(text('envelope-1.1.0.yaml')) as Record<string, unknown>;
    doc[':version'] = '1.0.0';
    const modules = (doc[':program'] as Record<string, unknown>)[':modules'] as Array<Record<string, Record<string, unknown>>>;
    for (const m of modules) delete m[':parameters']![':streaming_enabled'];
    const applied = applyPlan(doc, analyzeProgram(doc));
    expect(applied.ops).toContainEqual({ op: 'add', path: '/:program/:modules/0/:parameters/:streaming_enabled', value: false });
    expect(applied.ops).toContainEqual({ op: 'replace', path: '/:version', value: '1.1.0' });
    const out = applied.value as Record<string, unknown>;
    const outMods = (out[':program'] as Record<string, unknown>)[':modules'] as Array<Record<string, Record<string, unknown>>>;
    expect(outMods.every((m) => m[':parameters']![':streaming_enabled'] === false && !('streaming_enabled' in m[':parameters']!))).toBe(true);
  });

  it('0.9.0 is an incompatible major naming both versions; try anyway runs the cross-major steps', () => {
    const v = envelope100() as unknown as Record<string, unknown> & Env;
    v.version = '0.9.0';
    const mods = v.program.modules as Array<Record<string, unknown>>;
    for (const m of mods) {
      m.demos = m.demonstrations;
      delete m.demonstrations;
      m.config = m.parameters;
      delete m.parameters;
    }
    v.program.config = v.program.configuration;
    delete v.program.configuration;
    const program = analyzeProgram(v);
    const plan = planMigration(v, program);
    expect(plan.incompatible?.message).toMatch(/0\.9\.0.*1\.1\.0/);
    expect(plan.incompatible).toMatchObject({ fileVersion: '0.9.0', knownVersion: '1.1.0' });
    expect(plan.steps).toEqual([]);
    expect(() => applyPlan(v, program)).toThrow(/0\.9\.0 has major version 0; this app reads major 1 \(1\.1\.0\)/);
    const tried = applyPlan(v, program, undefined, { tryAnyway: true });
    const out = tried.value as Env;
    expect(out.version).toBe('1.1.0');
    expect(out.program.configuration).toEqual({ max_iterations: 10, early_stopping: true });
    expect(out.program.modules.map((m) => [Object.keys(m).includes('demonstrations'), m.parameters?.streaming_enabled])).toEqual([
      [true, false],
      [true, false],
    ]);
    expect(tried.notes.join(' ')).toMatch(/try anyway/);
    expect(deepEqual(applyWithInverse(out, tried.inverse).value, v)).toBe(true);
  });

  it('9.0.0 opens read-only and cannot be migrated', () => {
    const v = JSON.parse(text('envelope-1.1.0.json')) as Env;
    v.version = '9.0.0';
    const program = analyzeProgram(v);
    expect(readOnlyReason(v, program)?.reason).toMatch(/9\.0\.0, newer than 1\.1\.0/);
    const plan = planMigration(v, program);
    expect(plan.readOnly).toBeDefined();
    expect(plan.steps).toEqual([]);
    expect(() => applyPlan(v, program, undefined, { tryAnyway: true })).toThrow(/read-only/);
  });

  it('1.1.0 needs nothing; a newer minor of the same major is read-only too', () => {
    const v = JSON.parse(text('envelope-1.1.0.json')) as Env;
    expect(planMigration(v, analyzeProgram(v)).needed).toBe(false);
    v.version = '1.2.0';
    expect(readOnlyReason(v, analyzeProgram(v))).toBeDefined();
  });
});
