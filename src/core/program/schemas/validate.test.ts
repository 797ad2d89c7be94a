import { unpack } from 'msgpackr';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { readRealFixture, readRepoFile, realDspyFiles, realFixturesPresent } from '../../../test-support/real-fixtures';
import { analyzeProgram } from '../formats/analyze';
import { schemaForProgram } from '../formats/schemas';
import { dspyPredictorSchema, dspyStateSchema } from '../formats/dspy/schema';
import { validateValue, withPlainKeys } from './validate';

const text = (n: string): string => new TextDecoder().decode(readRepoFile(`fixtures/programs/${n}`));

function check(value: unknown) {
  const p = analyzeProgram(value);
  const schema = schemaForProgram(p);
  if (!schema) throw new Error(`no schema for ${p.format}`);
  return validateValue(withPlainKeys(value), schema);
}

describe('schemas', () => {
  it.each(['a', 'b', 'c', 'd', 'e', 'f'])('our era %s fixture fits its era schema', (era) => {
    expect(check(JSON.parse(text(`dspy-era-${era}.json`)))).toEqual([]);
  });

  it('envelope JSON, YAML (symbol keys) and MessagePack fit; so does the module file', () => {
    expect(check(JSON.parse(text('envelope-1.1.0.json')))).toEqual([]);
    expect(check(YAML.parse(text('envelope-1.1.0.yaml')))).toEqual([]);
    expect(check(unpack(readRepoFile('fixtures/programs/envelope-1.1.0.msgpack')))).toEqual([]);
    expect(check(JSON.parse(text('envelope-module.json')))).toEqual([]);
  });

  it('reports errors with the JSON pointer of the failing value', () => {
    const v = JSON.parse(text('dspy-era-f.json'));
    delete v['agent.react'].signature.instructions;
    v['agent.react'].demos = 'none';
    const errors = validateValue(v, dspyStateSchema('F'));
    expect(errors.map((e) => e.pointer)).toEqual(expect.arrayContaining(['/agent.react/signature', '/agent.react/demos']));
    const env = JSON.parse(text('envelope-1.1.0.json'));
    env.version = 1;
    delete env.program.modules[1].name;
    expect(check(env).map((e) => e.pointer)).toEqual(expect.arrayContaining(['/version', '/program/modules/1']));
  });

  it('the predictor schema rejects an era C field without a prefix', () => {
    const errors = validateValue(
      { traces: [], train: [], demos: [], lm: null, signature: { instructions: 'x', fields: [{ description: 'd' }] } },
      dspyPredictorSchema('C'),
    );
    expect(errors[0]?.pointer).toBe('/signature/fields/0');
  });
});

describe.runIf(realFixturesPresent())('schemas over the real corpus', () => {
  it.each(realDspyFiles().filter((f) => !f.endsWith('metadata.json')))('%s fits its era schema', (file) => {
    expect(check(JSON.parse(new TextDecoder().decode(readRealFixture(file))))).toEqual([]);
  });
});
