/** The names the torch kind declares (its id, the formats it reads, the ecosystems that write them). */
export interface TorchNames {
  id: 'torch';
  format: 'pytorch-state-dict' | 'pytorch-checkpoint' | 'pytorch-module';
  ecosystem: 'pytorch';
}
