/**
 * The entry point: ask every reader of every registered kind how sure it is, analyse with the
 * surest, and say what the kinds offer for the result. Detection reads keys and a few demos only,
 * never whole demo arrays, so it stays cheap on large programs.
 */
import type { DetectContext, Detection, KindId, KindNames, KindOffers, Program, ProgramFacts } from '../model/program';
import type { FormatReader, KindModuleFile, NamesOf, ProgramKind } from './kind';
import { KINDS } from './kinds';
import { applyRecoveredFacts } from './dspy/pickled/recovered-facts';

/** A list of kinds to analyse with: the registry, or (in tests) the registry plus one more. */
export type KindList<N extends KindNames = KindNames> = readonly ProgramKind<N>[];

function offersFor<N extends KindNames>(kinds: KindList<N>, kind: ProgramKind<N>, facts: ProgramFacts<N>): KindOffers<N> {
  const program = { ...facts, kind: kind.id } as unknown as Program;
  const versionLabel = kind.versionLabel?.(program) ?? (facts.version !== undefined ? `v${facts.version}` : undefined);
  const writer = moduleFileKindIn(kinds, kind);
  const offers: KindOffers<N> = {
    exportTargets: kinds.flatMap((k) => (k.conversion ? [{ id: k.id, label: k.conversion.label }] : [])),
    moduleFileShapes: writer?.moduleFile?.shapes.map((s) => ({ ...s })) ?? [],
  };
  if (versionLabel !== undefined) offers.versionLabel = versionLabel;
  if (kind.conversion?.pickleNote !== undefined) offers.pickleNote = kind.conversion.pickleNote;
  if (kind.conversion) offers.ownTarget = kind.conversion.label;
  return offers;
}

/** The kind that writes module files for a program of `kind`: its own, or else the first registered writer. */
function moduleFileKindIn<N extends KindNames>(kinds: KindList<N>, kind: ProgramKind<N>): ProgramKind<N> | undefined {
  return kind.moduleFile ? kind : kinds.find((k) => k.moduleFile);
}

/** analyzeProgram over any list of kinds (the registry's, or in a test the registry's and one more). */
export function analyzeWith<K extends ProgramKind>(kinds: readonly K[], value: unknown, context: DetectContext = {}): Program<NamesOf<K>> {
  return analyzeIn(kinds as unknown as KindList<NamesOf<K>>, value, context);
}

function analyzeIn<N extends KindNames>(kinds: KindList<N>, value: unknown, context: DetectContext): Program<N> {
  let best: { kind: ProgramKind<N>; reader: FormatReader<N>; detection: Detection } | undefined;
  for (const kind of kinds) {
    for (const reader of kind.readers) {
      let detection: Detection | null;
      try {
        detection = reader.detect(value, context);
      } catch {
        detection = null; // a detector must never sink the whole analysis
      }
      if (detection && detection.confidence > (best?.detection.confidence ?? 0)) best = { kind, reader, detection };
    }
  }
  if (!best) throw new Error('No program kind claims this value; the registry must end with one that claims anything.');
  const facts = best.reader.analyze(value, best.detection, context);
  const program: Program<N> = { ...facts, kind: best.kind.id, offers: offersFor(kinds, best.kind, facts) };
  // A program recovered from a pickle keeps what the pickle told (names, code, secrets) over every analysis.
  return context.recovered && program.ecosystem === 'dspy' ? (applyRecoveredFacts(program as Program, context.recovered) as Program<N>) : program;
}

export function analyzeProgram(value: unknown, context: DetectContext = {}): Program {
  return analyzeWith(KINDS, value, context);
}

export function kindById(id: KindId): ProgramKind {
  const kind = (KINDS as KindList).find((k) => k.id === id);
  if (!kind) throw new Error(`No program kind "${id}" is registered.`);
  return kind;
}

/** The registered kind of an analysed program. */
export function kindOf(program: Program): ProgramKind {
  return kindById(program.kind);
}

/** The reader of the program's own format: where its format-specific edits live. */
export function readerOf(program: Program): FormatReader | undefined {
  return kindOf(program).readers.find((r) => r.formats.includes(program.format));
}

/** The module-file writer for a program: its own kind's, or the first registered kind that writes module files. */
export function moduleFileKind(program: Program): (ProgramKind & { moduleFile: KindModuleFile }) | undefined {
  return moduleFileKindIn(KINDS as KindList, kindOf(program)) as (ProgramKind & { moduleFile: KindModuleFile }) | undefined;
}

/** Every registered kind, in registry order. */
export function registeredKinds(): KindList {
  return KINDS;
}
