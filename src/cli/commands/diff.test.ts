import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { stringify } from 'yaml';
import { run } from '../main.ts';
import { readRepoFile } from '../../test-support/real-fixtures.ts';
import { memoryIo } from '../../test-support/memory-io.ts';

const text = (b: Uint8Array): string => new TextDecoder().decode(b);
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('cli diff', () => {
  it('exits 0 for the same program as JSON, .pkl, .json.gz and YAML', async () => {
    const json = readRepoFile('fixtures/pickle/dspy-state.json');
    const value = JSON.parse(text(json)) as unknown;
    const m = memoryIo({ 'p.json.gz': new Uint8Array(gzipSync(json)), 'p.yaml': enc(stringify(value)) });
    expect(await run(['diff', 'fixtures/pickle/dspy-state.json', 'fixtures/pickle/dspy-state.pkl'], m.io)).toBe(0);
    expect(await run(['diff', 'p.json.gz', 'p.yaml'], m.io)).toBe(0);
    expect(m.out()).toContain('Same in meaning: 1 predictor, 2 demos.');
  });

  it('exits 1 with the summary when they differ; --md and --json print the report', async () => {
    const value = JSON.parse(text(readRepoFile('fixtures/pickle/dspy-state.json'))) as Record<
      string,
      { demos: unknown[]; signature: { instructions: string } }
    >;
    value['generate.predict']!.demos.reverse();
    value['generate.predict']!.signature.instructions = 'Answer in one word.';
    const m = memoryIo({ 'b.json': enc(JSON.stringify(value)) });
    expect(await run(['diff', 'fixtures/pickle/dspy-state.json', 'b.json'], m.io)).toBe(1);
    expect(m.out()).toMatch(/generate\.predict: instructions changed \(\+4 −\d+ words\), 1 demo moved/);
    const md = memoryIo({ 'b.json': enc(JSON.stringify(value)) });
    expect(await run(['diff', 'fixtures/pickle/dspy-state.json', 'b.json', '--md'], md.io)).toBe(1);
    expect(md.out()).toContain('## Program comparison');
    expect(md.out()).toContain('<ins>');
    const js = memoryIo({ 'b.json': enc(JSON.stringify(value)) });
    expect(await run(['diff', 'fixtures/pickle/dspy-state.json', 'b.json', '--json'], js.io)).toBe(1);
    expect(JSON.parse(js.out())).toMatchObject({ same: false, predictors: [{ id: 'generate.predict', demoCounts: { moved: 1 } }] });
  });

  it('exits 2 on a missing file, a file that is not a program format, or bad usage', async () => {
    const m = memoryIo({ 'junk.bin': new Uint8Array([0x00, 0x01, 0x02, 0xff]) });
    expect(await run(['diff', 'fixtures/pickle/dspy-state.json', 'nope.json'], m.io)).toBe(2);
    expect(m.err()).toMatch(/nope\.json: read: cannot read nope\.json/);
    expect(await run(['diff', 'fixtures/pickle/dspy-state.json', 'junk.bin'], m.io)).toBe(2);
    expect(m.err()).toMatch(/junk\.bin: detect: No known format/);
    expect(await run(['diff', 'only-one.json'], m.io)).toBe(2);
    expect(await run(['diff', 'a', 'b', '--json', '--md'], m.io)).toBe(2);
  });
});
