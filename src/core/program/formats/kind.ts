/**
 * What a program kind is: one folder under formats/ exporting one `ProgramKind`, listed by one line
 * in kinds.ts. Everything the rest of the app does differently per kind is asked of this object,
 * never decided by comparing ids: how sure the kind is that a value is its own and the program view
 * it makes (per format it reads), where its edits write, its schemas, its migrations, what it writes
 * when a program is exported to it, its module-file shapes and the JSON style of its writer.
 *
 * A kind folder imports the program model and the engine, and this contract; never another kind,
 * and never the registry (src/architecture.test.ts holds both).
 */
import type { JsonStyle } from '../../engine/json-text/json-style';
import type { MigrationChoices, MigrationContext, MigrationPlan, Migration, PlannedStep, ReadOnly, MigrationTarget } from '../model/migration';
import type { DetectContext, Detection, FieldProp, KindChoice, KindNames, ModuleInfo, Operation, Program, ProgramFacts } from '../model/program';

/** A JSON Schema (draft 2020-12) as a plain object. */
export type JsonSchema = Record<string, unknown>;

/** Forward ops of the edits whose paths differ per format; inverses are derived generically. */
export interface FormatEdits {
  setInstructions?(value: unknown, program: Program, mod: ModuleInfo, text: string, target?: 'signature' | 'extended'): Operation[];
  setFieldProp?(value: unknown, program: Program, mod: ModuleInfo, fieldIndex: number, prop: FieldProp, text: string): Operation[];
}

/** One file format a kind reads. Detection is by shape (keys, key order, metadata), never by name alone. */
export interface FormatReader<N extends KindNames = KindNames> {
  /** The formats its analysis can name (most readers: one). */
  formats: readonly N['format'][];
  /** 0..1 how sure; must be cheap (keys and a few demos, never whole demo arrays). */
  detect(value: unknown, context: DetectContext): Detection | null;
  analyze(value: unknown, detection: Detection, context: DetectContext): ProgramFacts<N>;
  edits?: FormatEdits;
}

/** The generic half of planning, which the planner lends to a kind: run a chain of steps on the evolving value. */
export interface MigrationTools {
  tryAnyway: boolean;
  choices?: MigrationChoices;
  runChain(value: unknown, program: Program, migrations: readonly Migration[], context: MigrationContext): { steps: PlannedStep[]; value: unknown };
}

export interface KindMigrations {
  /** A file newer than the app knows opens read-only: writing it back could drop what is not understood. */
  readOnly?(value: unknown, program: Program): ReadOnly | undefined;
  /** Which targets the program can go to and the steps that take it to `targetId` (or the default target). */
  plan(value: unknown, program: Program, targetId: string | undefined, tools: MigrationTools): MigrationPlan;
  /** Sentences for what the target would still refuse after migrating (the CLI prints them as warnings). */
  stillRefused?(value: unknown, target: MigrationTarget): string[];
}

/** The result of writing a program as another kind. */
export interface Converted {
  value: unknown;
  warnings: string[];
}

/** This kind as an export target: any program can be written in its format. */
export interface KindConversion {
  /** "DSPy state JSON": the name of the target in the export dialog and the CLI help. */
  label: string;
  /** The value to write; a program already of this kind and format is written as it is. */
  convert(value: unknown, program: Program, now: string): Converted;
  /** Shown when a program of this kind was read from a pickle: why its own text format is the safe one. */
  pickleNote?: string;
}

/** The module a module file holds, read by analyzeProgram. */
export interface ModuleSource {
  fileValue: unknown;
  program: Program;
  module: ModuleInfo;
}

/** One module out as a file this kind's framework loads alone, and a module file into a program of this kind. */
export interface KindModuleFile {
  /** The shapes it writes, the default first. */
  shapes: readonly KindChoice[];
  write(value: unknown, program: Program, mod: ModuleInfo, shape: string, now: string): unknown;
  /** "DSPy state files", for the sentence that says where modules can be imported. */
  importsInto?: string;
  /** The ops adding the module to `value` as `name` (replacing `existing`); undefined when this program's format takes none. */
  importOps?(value: unknown, program: Program, source: ModuleSource, name: string, existing: ModuleInfo | undefined): Operation[] | undefined;
}

export interface KindSchemas {
  /** The schema of the whole file, when the format has one. */
  forProgram?(program: Program): JsonSchema | undefined;
  /** What a framework would load for one module alone. */
  forModule?(program: Program, module: ModuleInfo): JsonSchema | undefined;
  /** Schemas the CLI can name (`validate --schema NAME`), and how its help lists them. */
  named?(name: string): JsonSchema | undefined;
  names?: readonly string[];
}

/** The names a list of kinds declares together: the unions kinds.ts registers for the whole app. */
export interface NamesOf<K extends ProgramKind> {
  id: K['id'];
  format: K['readers'][number]['formats'][number];
  ecosystem: K['ecosystems'][number];
}

export interface ProgramKind<N extends KindNames = KindNames> {
  id: N['id'];
  /** For people: "DSPy", "Versioned envelope". */
  label: string;
  /** The libraries whose files it reads. */
  ecosystems: readonly N['ecosystem'][];
  /** Tried in order; the surest reader of all kinds wins (earlier wins a tie). */
  readers: readonly FormatReader<N>[];
  schemas?: KindSchemas;
  migrations?: KindMigrations;
  conversion?: KindConversion;
  moduleFile?: KindModuleFile;
  /** The JSON layout this kind's own writer uses, for JSON made from another syntax. */
  jsonStyle?(program: Program): JsonStyle | undefined;
  /** "DSPy 2.6.27" rather than "v2.6.27". */
  versionLabel?(program: Program): string | undefined;
  /** The key a tensor path starts with when the model sits inside a bigger dict (a training checkpoint). */
  tensorRoot?(program: Program): string | undefined;
}
