import { describe, expect, it } from 'vitest';
import { run } from './main.ts';
import { readRepoFile } from '../test-support/real-fixtures.ts';
import { decodeBytes } from '../core/engine/pipeline/decode.ts';
import { memoryIo } from '../test-support/memory-io.ts';
import { COMMANDS } from './command-table.ts';

describe('cli', () => {
  it('inspect prints the module tree with demo counts, era and version', async () => {
    const m = memoryIo();
    expect(await run(['inspect', 'public/samples/multihop-qa.json'], m.io)).toBe(0);
    expect(m.out()).toContain('program: DSPy state JSON 3.0.3, era F');
    expect(m.out()).toContain('modules: 5, 9 demos');
    expect(m.out()).toMatch(/generate_answer\n\s+predict \(predict, 4 demos\)/);
  });

  it('inspect puts the safety report of a pickle first and runs nothing', async () => {
    const m = memoryIo();
    expect(await run(['inspect', 'fixtures/pickle/malicious-os-system-p2.pkl'], m.io)).toBe(0);
    const lines = m.out().split('\n');
    expect(lines[0]).toMatch(/^safety: +DANGEROUS/);
    expect(m.out()).toContain("would call posix.system('echo pwned')");
  });

  it('inspect lists a torch checkpoint as modules', async () => {
    const m = memoryIo();
    expect(await run(['inspect', 'fixtures/pickle/torch-checkpoint-epoch1.pt', '--json'], m.io)).toBe(0);
    const report = JSON.parse(m.out());
    expect(report.safety.verdict).toBe('safe');
    expect(report.program.modules.map((x: { id: string }) => x.id)).toContain('encoder.0');
  });

  it('validate is on the command table', async () => {
    const m = memoryIo();
    expect(await run(['validate', 'public/samples/multihop-qa.json'], m.io)).toBe(0);
  });

  it('inspect prints the recipe, sizes and outline', async () => {
    const m = memoryIo();
    expect(await run(['inspect', 'fixtures/formats/program.json.gz'], m.io)).toBe(0);
    expect(m.out()).toContain('recipe:  zlib → json');
    expect(m.out()).toContain('program: object (4)');
  });

  it('inspect --json gives machine-readable output', async () => {
    const m = memoryIo();
    expect(await run(['inspect', 'fixtures/formats/envelope.msgpack.gz', '--json'], m.io)).toBe(0);
    const report = JSON.parse(m.out()) as { recipe: { layer: string }[]; outline: { key: string }[] };
    expect(report.recipe.map((s) => s.layer)).toEqual(['gzip', 'msgpack']);
    expect(report.outline.map((e) => e.key)).toEqual(['version', 'metadata', 'program', 'timestamp']);
  });

  it('bad input exits 1 with "error [layer] message"; usage errors exit 2', async () => {
    const m = memoryIo();
    expect(await run(['inspect', 'fixtures/formats/truncated.json.gz'], m.io)).toBe(1);
    expect(m.err()).toMatch(/^error \[gzip\] gzip stream ends early at byte 300/);
    const r = memoryIo();
    expect(await run(['inspect', 'fixtures/formats/random.bin'], r.io)).toBe(1);
    expect(r.err()).toMatch(/^error \[detect\] .*This may be encrypted/);
    expect(await run(['inspect'], memoryIo().io)).toBe(2);
    expect(await run(['frobnicate'], memoryIo().io)).toBe(2);
    expect(await run(['convert', 'a.json', 'b.json', '--to', 'xml'], memoryIo().io)).toBe(2);
    expect(await run(['inspect', 'missing.json'], memoryIo().io)).toBe(1);
  });

  it('convert keeps the recipe by default: untouched JSON comes out byte-identical', async () => {
    const m = memoryIo();
    expect(await run(['convert', 'fixtures/formats/bom.json', 'out.json'], m.io)).toBe(0);
    expect(m.store.get('out.json')).toEqual(readRepoFile('fixtures/formats/bom.json'));
  });

  it('convert infers the target from the OUT suffixes and obeys flags', async () => {
    const m = memoryIo();
    expect(await run(['convert', 'fixtures/formats/envelope-ruby.yaml', 'out.msgpack.gz'], m.io)).toBe(0);
    const back = await decodeBytes(m.store.get('out.msgpack.gz') as Uint8Array);
    expect(back.recipe.map((s) => s.layer)).toEqual(['gzip', 'msgpack']);
    expect((back.value as Record<string, unknown>)[':version']).toBe('1.0.0');
    expect(await run(['convert', 'fixtures/formats/program.json.gz', 'x.bin', '--to', 'yaml', '--compress', 'zlib', '--level', '9'], m.io)).toBe(0);
    const y = await decodeBytes(m.store.get('x.bin') as Uint8Array);
    expect(y.recipe.map((s) => s.layer)).toEqual(['zlib', 'yaml']);
    expect(await run(['convert', 'fixtures/formats/envelope.json', 'c.json', '--indent', '0'], m.io)).toBe(0);
    expect(new TextDecoder().decode(m.store.get('c.json'))).toMatch(/^\{"version":"1.1.0","metadata":/);
  });
});

describe('every command reads its arguments the same way', () => {
  it.each(COMMANDS.map((c) => [c.name]))('%s --help prints its help on stdout and exits 0', async (name) => {
    const m = memoryIo();
    expect(await run([name, '--help'], m.io)).toBe(0);
    expect(m.out()).toContain(name);
    expect(m.err()).toBe('');
  });

  it.each(['convert', 'migrate', 'export-module'].map((n) => [n]))('%s: a key flag with no value is a usage error with the help on stderr', async (name) => {
    const m = memoryIo();
    expect(await run([name, 'in.json', '--key-file'], m.io)).toBe(2);
    expect(m.err()).toMatch(/^--key-file needs a value/);
    expect(m.err()).toContain(name);
    expect(m.out()).toBe('');
  });
});
