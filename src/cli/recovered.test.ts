import { describe, expect, it } from 'vitest';
import { run } from './main.ts';
import { memoryIo } from '../test-support/memory-io.ts';
import { readRepoFile } from '../test-support/real-fixtures.ts';
import { loadErrors } from '../core/program/formats/dspy/migrations/loader-check.ts';

const text = (b: Uint8Array | undefined): string => new TextDecoder().decode(b);

describe('cli inspect: a whole-program pickle', () => {
  it.each(['whole-program-by-value', 'whole-program-by-reference'])(
    '%s: shows the recovered program and --recover writes the state JSON the same program saves',
    async (folder) => {
      const m = memoryIo({
        [`${folder}/program.pkl`]: readRepoFile(`fixtures/dspy-shapes/${folder}/program.pkl`),
        [`${folder}/metadata.json`]: readRepoFile(`fixtures/dspy-shapes/${folder}/metadata.json`),
      });
      expect(await run(['inspect', `${folder}/program.pkl`, '--recover', 'state.json'], m.io)).toBe(0);
      expect(m.out()).toMatch(/^safety: {2}DANGEROUS/m);
      expect(m.out()).toMatch(/^recovered: DSPy whole program \(program\.pkl\), recovered, read without running it; written to state\.json$/m);
      expect(m.out()).toMatch(/^ {4}generate_answer$/m);
      const written = JSON.parse(text(m.store.get('state.json'))) as unknown;
      expect(written).toEqual(JSON.parse(text(readRepoFile(`fixtures/dspy-shapes/${folder}.state.json`))));
      expect(loadErrors(written, '3.3.1')).toEqual([]);
    },
  );

  it('without its metadata.json the program is still recovered, and the notes say what DSPy will miss; --json carries it', async () => {
    const m = memoryIo({ 'program.pkl': readRepoFile('fixtures/dspy-shapes/whole-program-by-value/program.pkl') });
    expect(await run(['inspect', 'program.pkl', '--json'], m.io)).toBe(0);
    const report = JSON.parse(m.out()) as { recovered?: { modules: unknown[]; notes: string[] } };
    expect(report.recovered?.modules.length).toBeGreaterThan(0);
    expect(report.recovered?.notes.join(' ')).toMatch(/No metadata\.json came with it/);
  });

  it('--recover on a file that holds no DSPy program says so and writes nothing', async () => {
    const m = memoryIo();
    expect(await run(['inspect', 'fixtures/pickle/dspy-state.pkl', '--recover', 'out.json'], m.io)).toBe(1);
    expect(m.err()).toMatch(/holds no DSPy program that can be recovered/);
    expect(m.store.has('out.json')).toBe(false);
  });
});
