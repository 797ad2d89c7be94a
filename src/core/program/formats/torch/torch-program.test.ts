import { describe, expect, it } from 'vitest';
import { fixture } from '../../../engine/pickle/fixture-files.test.ts';
import { pickleToValue } from '../../../engine/pickle/to-value.ts';
import { bytesSource } from '../../../engine/byte-source.ts';
import { openTorchFile } from '../../../engine/torch/torch-file.ts';
import { detectTorchShape, torchReader, torchProgram } from './torch-program.ts';

const valueOf = (name: string) => pickleToValue(openTorchFile(bytesSource(fixture(name))).root);

describe('torch programs', () => {
  it('builds a module tree from state_dict dotted keys', () => {
    const p = torchProgram(valueOf('torch-state-dict.pt'));
    expect(p?.format).toBe('pytorch-state-dict');
    expect(p?.modules.map((m) => m.id)).toEqual(['self', 'encoder', 'encoder.0', 'encoder.2', 'decoder', 'embed', 'norm']);
    expect(Object.keys(p?.modules[0]?.params ?? {})).toEqual(['mask', 'pixels', 'ids']);
    expect(p?.modules.find((m) => m.id === 'encoder.2')?.params).toEqual({ weight: 'float64 [2, 4]', bias: 'float64 [2]', weight_t: 'float64 [4, 2]' });
    const enc0 = p?.modules.find((m) => m.id === 'encoder.0');
    expect(enc0?.path).toEqual(['encoder', '0']);
    expect(enc0?.params).toEqual({ weight: 'float32 [4, 3]', bias: 'float32 [4]' });
    expect(p?.modules.find((m) => m.id === 'decoder')?.params.weight).toBe('float16 [2, 2] on cuda:0');
    expect(p?.metadata).toEqual({ tensors: 12, parameters: 12 + 4 + 8 + 2 + 8 + 4 + 2 + 6 + 1 + 3 + 4 + 3 });
  });
  it('shows a checkpoint dict with its metadata and its model tree', () => {
    for (const [epoch, loss] of [
      [1, 0.75],
      [2, 0.5],
    ] as const) {
      const v = valueOf(`torch-checkpoint-epoch${epoch}.pt`);
      expect(detectTorchShape(v)).toBe('checkpoint');
      const p = torchProgram(v);
      expect(p?.formatLabel).toBe('PyTorch training checkpoint');
      expect(p?.version).toBeUndefined(); // the checkpoint's own `version` key is not the file's version
      expect(p?.notes[0]).toBe(
        `Checkpoint: epoch ${epoch} · loss ${loss} · version 1.0 · config {"hidden":4,"layers":["encoder","decoder"]} · optimizer: [lr ${0.01 / epoch}, momentum 0.9, params 12 parameters] · model in model_state_dict: 12 tensors, 57 parameters`,
      );
      expect(p?.metadata).toMatchObject({ model: 'model_state_dict', epoch, loss, version: '1.0', config: { hidden: 4, layers: ['encoder', 'decoder'] } });
      expect(p?.metadata.optimizer_state_dict).toEqual({ param_groups: [{ lr: 0.01 / epoch, momentum: 0.9, params: '12 parameters' }] });
      expect(p?.modules.find((m) => m.id === 'encoder.2')?.pointer).toBe('/model_state_dict');
    }
  });
  it('shows a pickled nn.Module with its class and submodules', () => {
    const v = valueOf('torch-module.pt');
    const p = torchReader.analyze(v, { confidence: 1 }, {});
    expect(p.modules.map((m) => [m.id, m.className])).toEqual([
      ['self', '__main__.Net'],
      ['encoder', 'torch.nn.modules.container.Sequential'],
      ['encoder.0', 'torch.nn.modules.linear.Linear'],
      ['encoder.1', 'torch.nn.modules.activation.ReLU'],
      ['encoder.2', 'torch.nn.modules.linear.Linear'],
      ['head', 'torch.nn.modules.linear.Linear'],
    ]);
    const lin = p.modules[2];
    expect(lin?.params).toMatchObject({ weight: 'float32 [4, 3]', bias: 'float32 [4]', in_features: 3, out_features: 4 });
    expect(lin?.pointer).toBe('/state/_modules/encoder/state/_modules/0');
  });
  it('claims nothing for other values', () => {
    expect(detectTorchShape({ a: 1 })).toBeUndefined();
    expect(torchReader.detect({ epoch: 1 }, {})).toBeNull();
  });
});
