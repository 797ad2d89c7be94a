/**
 * The program model: a VIEW over a decoded value tree (plain JS values from JSON, YAML or
 * MessagePack). Nothing here copies demos; modules point into the tree with RFC 6901 pointers,
 * so a 100 MB program with 50,000 demos costs one pass to count, not a copy.
 *
 * Every edit is a list of RFC 6902 JSON Patch operations on the value tree (see edits.ts), so the
 * value tree stays the single source of truth and the model is re-derived after each edit.
 */
import type { TypedValue } from './typed-value';
import type { Operation } from '../../engine/json-patch';

/**
 * The names the registered program kinds declare (formats/kinds.ts fills this in by module
 * augmentation), so kind ids, format ids and ecosystems are unions derived from the registry
 * without this file importing it.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RegisteredKinds {}

/** The names one kind declares: its id, the formats it reads, the ecosystems that write them. */
export interface KindNames {
  id: string;
  format: string;
  ecosystem: string;
}

type Registered = RegisteredKinds extends KindNames ? RegisteredKinds : KindNames;

/** A registered program kind: 'dspy', 'envelope', 'torch', ... */
export type KindId = Registered['id'];
/** A format a registered kind reads: 'dspy-state', 'envelope-module', 'pytorch-checkpoint', ... */
export type FormatId = Registered['format'];
/** Which library wrote the file: 'dspy', 'desiru', 'dspy-go', 'pytorch', ... */
export type Ecosystem = Registered['ecosystem'];

/** What the file holds: a whole program, one module, the metadata of a whole-program save, or no known structure. */
export type ProgramContent = 'program' | 'module-file' | 'whole-program-metadata' | 'generic';

export type ModuleKind = 'predict' | 'retrieve' | 'flex' | 'module' | 'parameter' | 'unknown';

export type FieldRole = 'input' | 'output' | 'unknown';

export interface FieldInfo {
  name: string;
  /** True when the saved file does not store the name and it was inferred (DSPy prefixes, demo keys). */
  nameInferred: boolean;
  role: FieldRole;
  prefix?: string;
  description?: string;
  type?: string;
  optional?: boolean;
}

export interface Signature {
  instructions?: string;
  fields: FieldInfo[];
  /** Signature string as saved (Desiru/envelope `a: string -> b: string`, dspy-go dump). */
  raw?: string;
  /** Pointer of the signature object or string in the value tree. */
  pointer?: string;
}

export interface ModuleInfo {
  /** Identifier as saved: "react.extract.predict", "gen[0]", "d['k']", "self". */
  id: string;
  /** Tree segments: "react.extract.predict" -> ["react","extract","predict"]. */
  path: string[];
  kind: ModuleKind;
  className?: string;
  /** RFC 6901 pointer of the module's state in the value tree. */
  pointer: string;
  signature?: Signature;
  /** A second signature some eras keep (DSPy 2.5 CoT `extended_signature`). */
  extendedSignature?: Signature;
  demoCount: number;
  /** Pointer of the demo array, when the module has one. */
  demosPointer?: string;
  /** Settings other than the LM: k, temperature, max_tokens, config entries (keys normalised). */
  params: Record<string, unknown>;
  /** Pointer of the object `params` was read from, when it is one object (envelope `parameters`). */
  paramsPointer?: string;
  /** Where the instructions live, when they live at one pointer (DSPy `signature/instructions`). */
  instructionsPointer?: string;
  /** How demos are stored: flat rows (DSPy, DSRs, envelope) or `{inputs, outputs}` (dspy-go). */
  demoShape?: 'flat' | 'inputs-outputs';
  /** The two keys of an inputs-outputs demo: `["inputs", "outputs"]` by default, DSPy.rb's `["input", "output"]`. */
  demoParts?: [inputs: string, outputs: string];
  /** Keys written as Ruby symbols (":question") in this module; edits keep the writer's form. */
  symbolKeys?: boolean;
  /** LM settings as saved (DSPy `lm` dict, envelope model settings), when present. */
  lm?: Record<string, unknown> | null;
  /** Pointer of the lm dict, when present. */
  lmPointer?: string;
  /** What a person must know before loading this module (an endpoint DSPy drops, code it runs). */
  warnings?: string[];
  /** Source code the file carries for this module (dspy.Flex `module_src`): shown, never run. */
  code?: ModuleCode;
}

export interface ModuleCode {
  language: 'python';
  text: string;
  pointer: string;
  /** Why it matters: "DSPy executes this source when it loads the file." */
  note: string;
}

export interface SecretFinding {
  /** Pointer of the secret's value. */
  pointer: string;
  /** The key as saved ("api_key", ":api_key", "apiKey"). */
  key: string;
  moduleId?: string;
}

/** A field property an edit can set. */
export type FieldProp = 'name' | 'prefix' | 'description' | 'type';

/** What a kind's analysis says about a file; analyzeProgram adds the kind's id and offers. */
export interface ProgramFacts<N extends KindNames = Registered> {
  /** The format read, e.g. 'dspy-state'; `formatLabel` says it for people. */
  format: N['format'];
  ecosystem: N['ecosystem'];
  /** "DSPy state JSON", "Versioned program envelope", ... */
  formatLabel: string;
  /** Format or library version, when known (DSPy "2.6.27", envelope "1.1.0"). */
  version?: string;
  /** Where the version came from: "metadata" or "inferred". */
  versionSource?: 'metadata' | 'inferred';
  /** Short era code ("F"). */
  era?: string;
  /** "era F: DSPy 2.6.9 – 3.3.x". */
  eraLabel?: string;
  content: ProgramContent;
  /** Flat, in saved order; the tree is buildModuleTree(modules). */
  modules: ModuleInfo[];
  metadata: Record<string, unknown>;
  secrets: SecretFinding[];
  /** Sentences for people: "No program structure was recognised". */
  notes: string[];
}

/** One choice a kind offers the UI or CLI: an export target, a module-file shape. */
export interface KindChoice<Id extends string = string> {
  id: Id;
  label: string;
  /** A longer hint (a tooltip): the shape of what is written. */
  title?: string;
}

/**
 * What the registered kinds offer for this program, as plain data: the page lists these without
 * loading the kinds (they live in the worker). Derived from the registry by analyzeProgram.
 */
export interface KindOffers<N extends KindNames = Registered> {
  /** "DSPy 2.6.27", "v1.1.0", when the file has a version. */
  versionLabel?: string;
  /** Export targets (kinds that convert programs into their format), besides "same as opened". */
  exportTargets: KindChoice<N['id']>[];
  /** Module-file shapes for one module of this program, the default first; empty when none fits. */
  moduleFileShapes: KindChoice[];
  /** The label of the kind's own export target when it has one ("DSPy state JSON"). */
  ownTarget?: string;
  /** Why the kind's own text format is the safe one, when the program was read from a pickle. */
  pickleNote?: string;
}

/** The program model of a value: its kind's facts, the kind's id and what the kinds offer for it. */
export interface Program<N extends KindNames = Registered> extends ProgramFacts<N> {
  kind: N['id'];
  offers: KindOffers<N>;
}

export interface DetectContext {
  /** The format engine's recipe (how the bytes were decoded), when known. */
  recipe?: unknown;
  /** File name, when known: a hint only, never decisive alone. */
  name?: string;
  /** Names of files dropped together (a DSPy whole-program folder: metadata.json + program.pkl). */
  siblings?: string[];
  /** Facts about a program recovered from a pickle, laid over the analysis of its state. */
  recovered?: RecoveredFacts;
}

export interface Detection {
  /** 0..1. */
  confidence: number;
  version?: string;
  era?: string;
}

export interface Demo {
  index: number;
  pointer: string;
  /** Field values in saved order (normalised key names, e.g. Ruby ":question" -> "question"). */
  fields: Array<[string, unknown]>;
  /** DSPy bootstrapped trace (`augmented: true`). */
  augmented: boolean;
  /** Other flags kept out of `fields` (e.g. dspy_uuid, dspy_split). */
  flags: Record<string, unknown>;
  /** Fields holding a DSPy typed value (image, history, tool calls, trajectory), by field name. */
  typed?: Record<string, TypedValue>;
}

export type { Operation };

export interface Edit {
  ops: Operation[];
  /** Applying `inverse` after `ops` restores the value exactly. */
  inverse: Operation[];
  /** "Edit demo 3 of generate_answer.predict". */
  label: string;
}

/** A node of the derived module tree; `module` is set where a saved module sits. */
export interface ModuleTreeNode {
  segment: string;
  path: string[];
  module?: ModuleInfo;
  children: ModuleTreeNode[];
}

/** What a program recovered from a pickle keeps over every analysis (formats/dspy/pickled): names, classes, code warnings. */
export interface RecoveredFacts {
  /** "program.pkl", "data/model.pkl". */
  source: string;
  formatLabel: string;
  notes: string[];
  /** Parameter name -> what the pickle says about it. */
  modules: Record<string, { className: string; fields?: Array<{ name: string; role: 'input' | 'output' | 'unknown'; type?: string }>; warnings: string[] }>;
}
