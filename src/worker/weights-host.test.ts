import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../core/engine/byte-source';
import { readGgufHeader } from '../core/engine/weights/gguf';
import { readSafetensorsHeader } from '../core/engine/weights/safetensors';
import { spliceBytes, type SplicePart } from '../core/engine/weights/splice-plan';
import { WeightsHost } from './weights-host';

const DIR = new URL('../../fixtures/weights/', import.meta.url);
const bytes = new Map<Blob, Uint8Array>();
function blob(name: string): Blob {
  const b = new Uint8Array(readFileSync(new URL(name, DIR)));
  const file = new Blob([b]);
  bytes.set(file, b);
  return file;
}
const host = () => new WeightsHost((file) => bytesSource(bytes.get(file)!));
const materialise = (parts: SplicePart[], original: Blob) => spliceBytes(parts, bytes.get(original)!);

describe('weights host', () => {
  it('opens a sharded folder, previews a tensor of the second shard, and exports a metadata edit', () => {
    const h = host();
    const shard2 = blob('sharded/model-00002-of-00002.safetensors');
    const names = ['config.json', 'model.safetensors.index.json', 'model-00001-of-00002.safetensors'];
    const files = [...names.map((n) => ({ name: `tiny/${n}`, file: blob(`sharded/${n}`) })), { name: 'tiny/model-00002-of-00002.safetensors', file: shard2 }];
    const summary = h.open({ files });
    expect(summary).toMatchObject({ kind: 'hf-model', architecture: 'TinyForCausalLM' });
    const row = summary.tensors.find((t) => t.name === 'lm_head.weight')!;
    expect(row.shard).toBe('tiny/model-00002-of-00002.safetensors');
    expect(h.preview({ file: row.shard!, tensor: row.name })).toMatchObject({ kind: 'values', first: [-1, 2, -3, 4, -5, 6] });
    const plan = h.exportPlan({
      file: row.shard!,
      changes: [
        { key: 'format', remove: true },
        { key: 'note', value: 'edited' },
      ],
    });
    const out = readSafetensorsHeader(bytesSource(materialise(plan.parts, shard2)));
    expect(out.metadata).toEqual({ note: 'edited' });
  });

  it('edits a GGUF key keeping its type, and refuses a value of the wrong type with the key named', () => {
    const h = host();
    const gguf = blob('tiny.gguf');
    h.open({ files: [{ name: 'tiny.gguf', file: gguf }] });
    const plan = h.exportPlan({ file: 'tiny.gguf', changes: [{ key: 'llama.context_length', value: '4096' }] });
    const header = readGgufHeader(bytesSource(materialise(plan.parts, gguf)));
    expect(header.metadata.find((e) => e.key === 'llama.context_length')?.value).toEqual({ type: 'u32', value: 4096 });
    expect(() => h.exportPlan({ file: 'tiny.gguf', changes: [{ key: 'llama.context_length', value: 'long' }] })).toThrow(/llama\.context_length is an integer/);
    expect(h.preview({ file: 'tiny.gguf', tensor: 'token_embd.weight' })).toMatchObject({ kind: 'values', first: [0, 1, 2, 3, 4, 5, 6, 7] });
    expect(h.preview({ file: 'tiny.gguf', tensor: 'blk.0.ffn_up.weight' })).toMatchObject({ kind: 'raw' });
  });

  it('previews a big-endian .npy, and names a broken file with its typed error in the folder', () => {
    const h = host();
    h.open({ files: [{ name: 'i8-big-endian.npy', file: blob('i8-big-endian.npy') }] });
    expect(h.preview({ file: 'i8-big-endian.npy', tensor: 'array' })).toMatchObject({ first: [0, 1, 2, 3, 4] });
    const broken = h.open({ files: [{ name: 'bad.safetensors', file: blob('hostile-overlap.safetensors') }] });
    expect(broken.files[0]?.error).toMatchObject({ code: 'corrupt', layer: 'safetensors' });
  });

  it('checks each metadata change where it was typed: a wrong type, a fixed key, a missing key, a key twice', () => {
    const h = host();
    h.open({ files: [{ name: 'tiny.gguf', file: blob('tiny.gguf') }] });
    const checked = h.checkMetadata({
      file: 'tiny.gguf',
      changes: [
        { key: 'llama.context_length', value: 'long' },
        { key: 'general.alignment', value: '64' },
        { key: 'no.such.key', remove: true },
        { key: 'general.name', value: 'renamed' },
        { key: 'general.name', value: 'again' },
        { key: 'my.note', value: 'new keys are strings' },
      ],
    });
    expect(checked.map((c) => c.error?.message)).toEqual([
      expect.stringContaining('llama.context_length is an integer'),
      expect.stringContaining('general.alignment cannot be edited'),
      'There is no key no.such.key to remove',
      undefined,
      expect.stringContaining('general.name is changed twice'),
      undefined,
    ]);
    // The export refuses what the check refused, with the same words.
    expect(() => h.exportPlan({ file: 'tiny.gguf', changes: [{ key: 'no.such.key', remove: true }] })).toThrow('There is no key no.such.key to remove');
  });

  it("grades a folder's pickles by range: training_args.bin names a class it does not know, an object array runs code", () => {
    const h = host();
    const names = ['config.json', 'model.safetensors.index.json', 'model-00001-of-00002.safetensors', 'model-00002-of-00002.safetensors', 'training_args.bin'];
    const summary = h.open({
      files: [...names.map((n) => ({ name: n, file: blob(`sharded/${n}`) })), { name: 'object-dangerous.npy', file: blob('object-dangerous.npy') }],
    });
    expect(summary.pickles).toEqual(['training_args.bin', 'object-dangerous.npy']);
    const args = h.pickleReport({ file: 'training_args.bin' });
    expect(args.verdict).toBe('unknown');
    expect(args.globals).toContainEqual(expect.objectContaining({ module: 'transformers.training_args', name: 'TrainingArguments' }));
    expect(h.pickleReport({ file: 'object-dangerous.npy' }).verdict).toBe('dangerous');
    expect(() => h.pickleReport({ file: 'config.json' })).toThrow();
  });

  it("carries each file's own notes into the summary: a GGUF chat template reaching Python objects is flagged", () => {
    const lone = host().open({ files: [{ name: 'code-template.gguf', file: blob('code-template.gguf') }] });
    expect(lone.notes).toContainEqual(expect.stringContaining('The chat template (Jinja, run by the serving stack) contains dunder attribute access'));
    const two = host().open({
      files: [
        { name: 'code-template.gguf', file: blob('code-template.gguf') },
        { name: 'f8-fortran.npy', file: blob('f8-fortran.npy') },
      ],
    });
    expect(two.notes).toContainEqual(expect.stringMatching(/^code-template\.gguf: The chat template/));
    expect(two.notes).toContainEqual(expect.stringMatching(/^f8-fortran\.npy: .*Fortran/));
  });
});
