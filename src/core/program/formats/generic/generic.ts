/** Any other value: shown as a tree, editable, exportable; no program structure claimed. */
import type { Program } from '../../model/program';
import { findSecrets } from '../../model/secrets';
import type { ProgramAdapter } from '../adapter';

export const NO_STRUCTURE_NOTE = 'No program structure was recognised: the file is shown as a plain value tree.';

export function genericProgram(value: unknown): Program {
  return {
    adapterId: 'generic',
    ecosystem: 'generic',
    formatLabel: 'Plain value',
    kind: 'generic',
    modules: [],
    metadata: {},
    secrets: findSecrets(value),
    notes: [NO_STRUCTURE_NOTE],
  };
}

export const genericAdapter: ProgramAdapter = {
  id: 'generic',
  detect: () => ({ confidence: 0.01 }),
  analyze: (value) => genericProgram(value),
};
