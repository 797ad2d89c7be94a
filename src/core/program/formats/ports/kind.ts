/** The ports of DSPy to other languages: dspy-go and DSRs mapped module by module, the others recognised by shape. */
import type { ProgramKind } from '../kind';
import { detectOnlyReaders } from './detect-only';
import { dspyGoReader } from './dspy-go';
import { dsrsReader } from './dsrs';
import { axReader } from './ax';
import { dspyRbReader } from './dspy-rb';
import type { PortsNames } from './names';

export const portsKind: ProgramKind<PortsNames> = {
  id: 'ports',
  label: 'DSPy ports',
  ecosystems: ['dspy-go', 'dsrs', 'ax', 'dspy-rb', 'dspy-ex', 'dspy4s', 'dspy-ts', 'langchain'],
  readers: [dspyGoReader, dsrsReader, dspyRbReader, axReader, ...detectOnlyReaders],
};
