/** The CLI matches the page: tensors and arrays in `inspect`, and the key options on every command that reads a file. */
import { describe, expect, it } from 'vitest';
import { run } from './main.ts';
import { decodeBytes } from '../core/engine/pipeline/decode.ts';
import { memoryIo } from '../test-support/memory-io.ts';

const PASS = 'correct horse battery staple';

describe('inspect lists what a pickle holds', () => {
  it('a torch file: every tensor with dtype, shape and bytes, and the checkpoint facts', async () => {
    const m = memoryIo();
    expect(await run(['inspect', 'fixtures/pickle/torch-checkpoint-epoch1.pt'], m.io)).toBe(0);
    const out = m.out();
    expect(out).toContain('program: PyTorch training checkpoint\n'); // its `version` key is not the file's version
    expect(out).toContain('Checkpoint: epoch 1 · loss 0.75 · version 1.0');
    expect(out).toContain('tensors: 12, 295 bytes');
    expect(out).toMatch(/model_state_dict\.encoder\.0\.weight +float32 +\[4, 3\] +48 bytes/);
    expect(out).toMatch(/model_state_dict\.decoder\.weight +float16 +\[2, 2\] +8 bytes +cuda:0/);
    expect(out).not.toMatch(/signature/i);
  });
  it('--json carries the tensor table', async () => {
    const m = memoryIo();
    expect(await run(['inspect', 'fixtures/pickle/torch-state-dict.pt', '--json'], m.io)).toBe(0);
    const report = JSON.parse(m.out()) as { tensors: Array<{ name: string; dtype: string; shape: number[]; bytes: number }> };
    expect(report.tensors[0]).toEqual({ name: 'encoder.0.weight', dtype: 'float32', shape: [4, 3], bytes: 48, device: 'cpu' });
  });
  it('a plain pickle: its NumPy arrays by dtype and shape', async () => {
    const m = memoryIo();
    expect(await run(['inspect', 'fixtures/dspy-shapes/numpy-arrays.pkl'], m.io)).toBe(0);
    expect(m.out()).toContain('numpy arrays: 2\n  embeddings: <f4 [3, 4]\n  ids: <i8 [3]\n');
  });
});

describe('key options on inspect, convert, export-module and migrate', () => {
  it('inspect opens an encrypted file with --key-file or --passphrase-env, and not without', async () => {
    const m = memoryIo();
    expect(await run(['inspect', 'fixtures/crypto/program.json.enc'], m.io)).toBe(1);
    const k = memoryIo();
    expect(await run(['inspect', 'fixtures/crypto/program.json.enc', '--key-file', 'fixtures/crypto/fixture.key'], k.io)).toBe(0);
    expect(k.out()).toMatch(/recipe: +aes-gcm → json/);
    const p = memoryIo();
    p.io.env.PS_PASS = PASS;
    expect(await run(['inspect', 'fixtures/crypto/program.json.gz.psenc', '--passphrase-env', 'PS_PASS'], p.io)).toBe(0);
    expect(p.out()).toMatch(/recipe: +psenc → gzip → json/);
  });

  it('refuses a secret on the command line, naming the safe options (usage, exit 2)', async () => {
    const m = memoryIo();
    expect(await run(['inspect', 'fixtures/crypto/program.json.enc', '--passphrase', 'hunter2'], m.io)).toBe(2);
    expect(m.err()).toContain('--passphrase-file PATH or --passphrase-env NAME');
    expect(m.err()).not.toContain('hunter2');
  });

  it('convert writes the output encrypted the same way, readable with the same passphrase file', async () => {
    const m = memoryIo({ 'pass.txt': new TextEncoder().encode(`${PASS}\n`) });
    expect(await run(['convert', 'fixtures/crypto/program.json.psenc', 'out.json.psenc', '--passphrase-file', 'pass.txt'], m.io)).toBe(0);
    const out = m.store.get('out.json.psenc');
    const decoded = await decodeBytes(out as Uint8Array, { credentials: { passphrase: PASS } });
    expect(decoded.recipe.map((s) => s.layer)).toEqual(['psenc', 'json']);
  });

  it('export-module and migrate read an encrypted input with --key-env', async () => {
    const key = new TextDecoder().decode(await memoryIo().io.readFile('fixtures/crypto/fixture.key')).trim();
    const e = memoryIo();
    e.io.env.PS_KEY = key;
    expect(await run(['export-module', 'fixtures/crypto/program.json.enc', 'generate_answer.predict', 'mod.json', '--key-env', 'PS_KEY'], e.io)).toBe(0);
    expect(e.store.has('mod.json')).toBe(true);
    const g = memoryIo();
    g.io.env.PS_KEY = key;
    expect(await run(['migrate', '--plan', 'fixtures/crypto/program.json.enc', '--key-env', 'PS_KEY'], g.io)).toBe(0);
    const missing = memoryIo();
    expect(await run(['migrate', '--plan', 'fixtures/crypto/program.json.enc', '--key-env', 'NOPE'], missing.io)).toBe(1);
    expect(missing.err()).toContain('The environment variable NOPE is not set or is empty');
  });
});
