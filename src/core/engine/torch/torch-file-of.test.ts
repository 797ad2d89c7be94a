/** A torch file is unpickled once: the pickle layer's TorchFile is the one the tensor views get. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../pipeline/decode';
import { openedTorchFile, torchFileOf } from './torch-file-of';

describe('torchFileOf', () => {
  it('hands the tensor views the TorchFile decoding already opened for the same bytes', async () => {
    const bytes = new Uint8Array(readFileSync(new URL('../../../../fixtures/pickle/torch-checkpoint-epoch1.pt', import.meta.url)));
    expect(openedTorchFile(bytes)).toBeUndefined();
    const decoded = await decodeBytes(bytes, { name: 'torch-checkpoint-epoch1.pt' });
    expect(decoded.recipe.map((s) => s.layer)).toEqual(['pickle']);
    const opened = openedTorchFile(bytes);
    expect(opened).toBeDefined();
    expect(torchFileOf(bytes)).toBe(opened);
  });
});
