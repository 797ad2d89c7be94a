import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { holdsWeights } from './sniff-weights';

const DIR = new URL('../../fixtures/weights/', import.meta.url);
const file = (bytes: Uint8Array, name: string) => new File([bytes as BlobPart], name);
const fixture = (name: string) => file(new Uint8Array(readFileSync(new URL(name, DIR))), name.slice(name.lastIndexOf('/') + 1));

describe('routing dropped files by their bytes', () => {
  it('sends safetensors, GGUF, .npy, .npz and a folder holding a shard to the weights view', async () => {
    for (const name of ['model.safetensors', 'tiny.gguf', 'f4-c.npy', 'arrays.npz']) expect(await holdsWeights([fixture(name)])).toBe(true);
    expect(
      await holdsWeights([fixture('sharded/config.json'), fixture('sharded/training_args.bin'), fixture('sharded/model-00002-of-00002.safetensors')]),
    ).toBe(true);
  });

  it('does not go by names: JSON named .safetensors and a shard renamed .json are told by what they hold', async () => {
    expect(await holdsWeights([file(new TextEncoder().encode('{"predict": {"demos": []}}'), 'program.safetensors')])).toBe(false);
    expect(await holdsWeights([fixture('sharded/config.json'), fixture('sharded/training_args.bin')])).toBe(false);
    const shard = new Uint8Array(readFileSync(new URL('sharded/model-00001-of-00002.safetensors', DIR)));
    expect(await holdsWeights([file(shard, 'weights.json')])).toBe(true);
  });
});
