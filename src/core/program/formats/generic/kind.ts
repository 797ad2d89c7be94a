/** The generic kind: any value, shown as a tree, editable and exportable, with no program structure claimed. */
import type { ProgramKind } from '../kind';
import { genericReader } from './generic';
import type { GenericNames } from './names';

export const genericKind: ProgramKind<GenericNames> = {
  id: 'generic',
  label: 'Plain value',
  ecosystems: ['generic'],
  readers: [genericReader],
  // Exported "as a generic value", a program is written as it is: no structure is added or dropped.
  conversion: { label: 'Generic value', convert: (value) => ({ value, warnings: [] }) },
};
