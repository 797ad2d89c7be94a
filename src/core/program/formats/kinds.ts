/**
 * The kinds registry: every program kind the app reads, one line each. Order breaks ties between
 * equally sure readers (earlier wins) and orders the export targets. Adding a kind is one folder
 * under formats/ and one line here; kind ids, format ids and ecosystems are derived from this list.
 */
import type { ProgramKind } from './kind';
import { dspyKind } from './dspy/kind';
import { envelopeKind } from './envelope/kind';
import { portsKind } from './ports/kind';
import { torchKind } from './torch/kind';
import { genericKind } from './generic/kind';

export const KINDS = [
  dspyKind,
  envelopeKind,
  portsKind,
  torchKind,
  genericKind, // last: it claims anything, with the lowest confidence
] as const satisfies readonly ProgramKind[];

type Registered = (typeof KINDS)[number];

declare module '../model/program' {
  interface RegisteredKinds {
    id: Registered['id'];
    format: Registered['readers'][number]['formats'][number];
    ecosystem: Registered['ecosystems'][number];
  }
}
