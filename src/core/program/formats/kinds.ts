/**
 * The kinds registry: every program kind the app reads, one line each. Order breaks ties between
 * equally sure readers (earlier wins) and orders the export targets. Adding a kind is one folder
 * under formats/ and one line here; kind ids, format ids and ecosystems are derived from this list.
 */
import type { NamesOf, ProgramKind } from './kind';
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

// The registered names, for model/program.ts (which cannot import this file without a cycle).
declare module '../model/program' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the members come from the list above
  interface RegisteredKinds extends NamesOf<(typeof KINDS)[number]> {}
}
