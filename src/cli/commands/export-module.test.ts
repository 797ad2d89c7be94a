import { describe, expect, it } from 'vitest';
import { run } from '../main.ts';
import { decodeBytes } from '../../core/engine/pipeline/decode.ts';
import { parseSidecar } from '../../core/engine/checksum/sidecar.ts';
import { sha256Hex } from '../../core/engine/checksum/sha256.ts';
import { memoryIo } from '../../test-support/memory-io.ts';

describe('export-module and convert options', () => {
  it('export-module writes {"self": state, "metadata"} with a sidecar sha256sum reads', async () => {
    const m = memoryIo();
    expect(await run(['export-module', 'public/samples/multihop-qa.json', 'generate_answer.predict', 'ga.json.gz', '--sidecar'], m.io)).toBe(0);
    const bytes = m.store.get('ga.json.gz') as Uint8Array;
    const doc = await decodeBytes(bytes);
    expect(doc.recipe.map((s) => s.layer)).toEqual(['gzip', 'json']);
    expect(Object.keys(doc.value as object)).toEqual(['self', 'metadata']);
    const sidecar = new TextDecoder().decode(m.store.get('ga.json.gz.sha256'));
    expect(parseSidecar(sidecar, 'ga.json.gz').digest).toBe(await sha256Hex(bytes));
    expect(m.out()).toContain('module generate_answer.predict, gzip → json');
  });

  it('export-module --own-path keeps the name; an unknown module is a clear error', async () => {
    const m = memoryIo();
    expect(await run(['export-module', 'public/samples/multihop-qa.json', 'generate_answer.predict', 'ga.json', '--own-path'], m.io)).toBe(0);
    expect(Object.keys((await decodeBytes(m.store.get('ga.json') as Uint8Array)).value as object)).toEqual(['generate_answer.predict', 'metadata']);
    expect(await run(['export-module', 'public/samples/multihop-qa.json', 'nope', 'x.json'], m.io)).toBe(1);
    expect(m.err()).toMatch(/No module "nope"/);
    expect(await run(['export-module', 'public/samples/multihop-qa.json'], m.io)).toBe(2);
  });

  it('convert redacts by default, keeps with --no-redact, and converts to another kind', async () => {
    const m = memoryIo();
    expect(await run(['convert', 'fixtures/programs/dspy-lm-api-key.json', 'r.json'], m.io)).toBe(0);
    expect(Buffer.from(m.store.get('r.json') as Uint8Array).includes('sk-proj')).toBe(false);
    expect(m.err()).toMatch(/1 secret redacted/);
    expect(await run(['convert', 'fixtures/programs/dspy-lm-api-key.json', 'k.json', '--no-redact'], m.io)).toBe(0);
    expect(Buffer.from(m.store.get('k.json') as Uint8Array).includes('sk-proj')).toBe(true);
    expect(await run(['convert', 'fixtures/programs/dspy-era-f.json', 'e.yaml', '--target', 'envelope', '--json-style', 'compact'], m.io)).toBe(0);
    const env = await decodeBytes(m.store.get('e.yaml') as Uint8Array);
    expect(env.syntax).toBe('yaml');
    expect((env.value as { version: string }).version).toBe('1.1.0');
    expect(await run(['convert', 'a.json', 'b.json', '--target', 'xml'], m.io)).toBe(2);
  });
});
