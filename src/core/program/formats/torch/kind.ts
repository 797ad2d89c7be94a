/** PyTorch saves read from pickles: a state_dict, a training checkpoint or a pickled nn.Module. */
import type { ProgramKind } from '../kind';
import type { TorchNames } from './names';
import { torchReader } from './torch-program';

export const torchKind: ProgramKind<TorchNames> = {
  id: 'torch',
  label: 'PyTorch',
  ecosystems: ['pytorch'],
  readers: [torchReader],
  // A checkpoint keeps its model under one key ("model_state_dict"); tensor paths start with it.
  tensorRoot: (program) => (program.format === 'pytorch-checkpoint' && typeof program.metadata.model === 'string' ? program.metadata.model : undefined),
};
