/** One module out (a file its framework loads alone) and back in (one edit with an exact inverse). */
import { describe, expect, it } from 'vitest';
import { analyzeProgram } from '../formats/analyze.ts';
import { isFormatError } from '../../engine/errors.ts';
import { deepEqual } from '../model/deep-equal.ts';
import { applyWithInverse } from '../model/patch.ts';
import { decodeBytes } from '../../engine/pipeline/decode.ts';
import { dspyPredictorSchema } from '../formats/dspy/schema.ts';
import { envelopeModuleFileSchema } from '../formats/envelope/schema.ts';
import { validateValue } from '../schemas/validate.ts';
import { readRepoFile } from '../../../test-support/real-fixtures.ts';
import { exportModule } from './export-module.ts';
import { importModuleEdit, moduleFileValue } from './module-file.ts';

async function load(path: string) {
  const doc = await decodeBytes(readRepoFile(path), { name: path });
  return { value: doc.value, recipe: doc.recipe, program: analyzeProgram(doc.value, { recipe: doc.recipe }) };
}

describe('module files', () => {
  it('writes a DSPy module as {"self": state, "metadata"} that reads as a one-predictor program', async () => {
    const src = await load('fixtures/programs/dspy-era-f.json');
    const mod = src.program.modules.find((m) => m.kind === 'predict')!;
    const out = await exportModule(src, mod.id, { now: '2025-01-01T00:00:00Z' });
    const value = (await decodeBytes(out.bytes)).value as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['self', 'metadata']);
    expect(validateValue(value.self, dspyPredictorSchema('F'))).toEqual([]);
    expect(deepEqual(value.self, (src.value as Record<string, unknown>)[mod.id])).toBe(true);
    expect(analyzeProgram(value).modules.map((m) => m.id)).toEqual(['self']);
    expect(out.fileName).toBe(`${mod.id}.json`);
    const own = moduleFileValue(src.value, src.program, mod.id, 'own-path').value as Record<string, unknown>;
    expect(Object.keys(own)).toEqual([mod.id, 'metadata']);
  });

  it('writes an envelope module as {module, parent_program, exported_at}', async () => {
    const src = await load('fixtures/programs/envelope-1.1.0.json');
    const mod = src.program.modules[0]!;
    const out = await exportModule(src, mod.id, { now: '2025-01-01T00:00:00Z', compression: 'gzip' });
    expect(out.fileName).toBe(`${mod.id}.json.gz`);
    const value = (await decodeBytes(out.bytes)).value;
    expect(validateValue(value, envelopeModuleFileSchema)).toEqual([]);
    expect(analyzeProgram(value).format).toBe('envelope-module');
    expect((value as { exported_at: string }).exported_at).toBe('2025-01-01T00:00:00Z');
  });

  it("redacts a module's api_key in the module file too", async () => {
    const src = await load('fixtures/programs/dspy-lm-api-key.json');
    const out = await exportModule(src, 'predict');
    expect(out.redacted).toBe(1);
    expect(Buffer.from(out.bytes).includes('sk-proj')).toBe(false);
  });

  it('imports a DSPy module under a new name; the inverse removes it exactly', async () => {
    const from = await load('fixtures/programs/dspy-era-f.json');
    const mod = from.program.modules.find((m) => m.kind === 'predict')!;
    const file = moduleFileValue(from.value, from.program, mod.id).value;
    const target = await load('fixtures/programs/dspy-lm-api-key.json');
    const edit = importModuleEdit(target.value, target.program, file, { name: 'borrowed' });
    expect(edit.label).toBe('Import module borrowed');
    const after = applyWithInverse(target.value, edit.ops).value;
    expect(analyzeProgram(after).modules.map((m) => m.id)).toEqual(['predict', 'borrowed']);
    expect(deepEqual(applyWithInverse(after, edit.inverse).value, target.value)).toBe(true);
  });

  it('refuses a taken name unless asked to replace, and checks the state against the target era', async () => {
    const from = await load('fixtures/programs/dspy-era-f.json');
    const mod = from.program.modules.find((m) => m.kind === 'predict')!;
    const file = moduleFileValue(from.value, from.program, mod.id).value;
    const target = await load('fixtures/programs/dspy-lm-api-key.json');
    const taken = (() => {
      try {
        importModuleEdit(target.value, target.program, file, { name: 'predict' });
      } catch (e) {
        return e;
      }
    })();
    expect(isFormatError(taken) && taken.message).toMatch(/already exists/);
    const replaced = importModuleEdit(target.value, target.program, file, { name: 'predict', replace: true });
    expect(replaced.ops).toEqual([{ op: 'replace', path: '/predict', value: expect.anything() }]);
    const eraB = await load('fixtures/programs/dspy-era-b.json');
    expect(() => importModuleEdit(eraB.value, eraB.program, file, { name: 'x' })).toThrow(/era B/);
  });

  it('imports an envelope module file into a DSPy program, and a DSPy module into an envelope', async () => {
    const envFile = (await load('fixtures/programs/envelope-module.json')).value;
    const dspy = await load('fixtures/programs/dspy-era-f.json');
    const edit = importModuleEdit(dspy.value, dspy.program, envFile, {});
    const after = analyzeProgram(applyWithInverse(dspy.value, edit.ops).value);
    const added = after.modules.find((m) => m.id === 'answer')!;
    expect(added.demoCount).toBe(2);
    expect(added.signature?.instructions).toBe('Answer from the context only.');

    const env = await load('fixtures/programs/envelope-1.1.0.json');
    const mod = dspy.program.modules.find((m) => m.kind === 'predict')!;
    const file = moduleFileValue(dspy.value, dspy.program, mod.id).value;
    const e2 = importModuleEdit(env.value, env.program, file, { name: 'from_dspy' });
    const envAfter = analyzeProgram(applyWithInverse(env.value, e2.ops).value);
    expect(envAfter.modules.at(-1)?.id).toBe('from_dspy');
    expect(envAfter.modules.at(-1)?.demoCount).toBe(mod.demoCount);
  });
});
