/**
 * Migrations rewrite a saved program so that a newer framework loads it. Each one is a pure function
 * from the value tree to JSON Patch operations plus notes for people: the value is never mutated, and
 * the whole plan becomes ONE edit, so a migration is one undoable step.
 */
import type { KindId, Operation, Program } from './program';

/** Migrations belong to a program kind: the family of a plan is the kind's id. */
export type MigrationFamily = KindId;

/** A version the user can migrate to. */
export interface MigrationTarget {
  /** What the user picks: "3.x", "2.6.x", "1.1.0". */
  id: string;
  /** The exact release the result is written as: "3.3.1". */
  version: string;
  label: string;
}

/** A field as the user declared it (from a signature they pasted), for a predictor whose file cannot name its fields. */
export interface ChosenField {
  name: string;
  role: 'input' | 'output';
  prefix?: string;
  description?: string;
}

/** What the user decided where the file cannot say, per predictor (its key in the file). */
export interface MigrationChoices {
  /** The signature fields to write, in DSPy's order (inputs, then outputs). */
  fields?: Record<string, ChosenField[]>;
  /** Whose instructions a ChainOfThought keeps when its plain and extended signatures disagree. */
  instructions?: Record<string, 'signature' | 'extended'>;
}

/** The answers as the page gives them: a choice per predictor, a signature pasted as text (read in document/migration-answers). */
export interface MigrationAnswers {
  /** Per predictor key: whose instructions a ChainOfThought keeps. */
  instructions?: Record<string, 'signature' | 'extended'>;
  /** Per predictor key: a signature as the user pasted it (string or class form). */
  signatures?: Record<string, string>;
}

/** Something a step cannot decide alone: the dialog asks, and the plan is made again with the answer. */
export type MigrationQuestion =
  | {
      kind: 'fields';
      /** The predictor's key in the file. */
      key: string;
      /** Why the file cannot say, and what DSPy does without an answer. */
      message: string;
      /** The last field's prefix the file did save (era B's `signature_prefix`), placed once the fields are known. */
      knownPrefix?: string;
    }
  | {
      kind: 'instructions';
      key: string;
      message: string;
      signature: string;
      extended: string;
      /** What the plan uses unless told otherwise, and why. */
      default: 'signature' | 'extended';
      why: string;
    };

export interface MigrationContext {
  target: MigrationTarget;
  /** The user asked to run cross-major steps of an incompatible envelope. */
  tryAnyway: boolean;
  choices?: MigrationChoices;
}

export interface MigrationOutput {
  ops: Operation[];
  /** Sentences for people: what was inferred, what the target cannot carry, what was kept. */
  notes: string[];
  questions?: MigrationQuestion[];
}

export interface Migration {
  id: string;
  family: MigrationFamily;
  /** Version or era the step starts from ("era B", "1.0.0"). */
  from: string;
  to: string;
  /** One line for people. */
  description: string;
  /** The framework error this step prevents, as the framework words it. */
  prevents?: string;
  /** Pure and idempotent: on a value it already migrated it returns no ops. */
  apply(value: unknown, program: Program, context: MigrationContext): MigrationOutput;
}

export interface PlannedStep {
  id: string;
  from: string;
  to: string;
  description: string;
  prevents?: string;
  notes: string[];
  ops: Operation[];
  questions?: MigrationQuestion[];
}

export interface ReadOnly {
  reason: string;
}

export interface MigrationPlan {
  family: MigrationFamily | undefined;
  /** "DSPy 2.4.x (era B)", "envelope 1.0.0". */
  from: string;
  target: MigrationTarget | undefined;
  targets: MigrationTarget[];
  /** Only steps that change something. */
  steps: PlannedStep[];
  /** What the user may decide (the steps' questions, in order); answered through MigrationChoices. */
  questions?: MigrationQuestion[];
  /** True when the target (or today's framework) cannot load the file as it is. */
  needed: boolean;
  /** A sentence for the banner. */
  reason: string;
  readOnly?: ReadOnly;
  /** Set when the file's major version differs from the one the app knows. */
  incompatible?: { fileVersion: string; knownVersion: string; message: string };
}

export interface AppliedMigration {
  ops: Operation[];
  inverse: Operation[];
  notes: string[];
  label: string;
  value: unknown;
}

/** The plan of a program no migration is known for: nothing to do, and the reason says so. */
export function noMigrationPlan(program: Pick<Program, 'formatLabel'>): MigrationPlan {
  return {
    family: undefined,
    from: program.formatLabel,
    target: undefined,
    targets: [],
    steps: [],
    needed: false,
    reason: `No migrations are known for ${program.formatLabel}.`,
  };
}
