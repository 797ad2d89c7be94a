/** Any other value: shown as a tree, editable, exportable; no program structure claimed. */
import type { ProgramFacts } from '../../model/program';
import { findSecrets } from '../../model/secrets';
import type { FormatReader } from '../kind';
import type { GenericNames } from './names';

export const NO_STRUCTURE_NOTE = 'No program structure was recognised: the file is shown as a plain value tree.';

export function genericProgram(value: unknown): ProgramFacts<GenericNames> {
  return {
    format: 'generic',
    ecosystem: 'generic',
    formatLabel: 'Plain value',
    content: 'generic',
    modules: [],
    metadata: {},
    secrets: findSecrets(value),
    notes: [NO_STRUCTURE_NOTE],
  };
}

export const genericReader: FormatReader<GenericNames> = {
  formats: ['generic'],
  detect: () => ({ confidence: 0.01 }),
  analyze: (value) => genericProgram(value),
};
