/**
 * One open program: the value as opened and as it is now, every operation applied since, and the
 * program view of the current value. Every change (an edit, a migration, a module import, a take
 * from a comparison, a restore, an undo or redo) goes through here and is applied exactly once; each
 * returns its undoable record (forward ops, inverse, label). Every read the page makes of a document
 * (module text, demos, prompts, versions, the original with its secrets) is answered here too. The
 * worker serves one of these; the command-line tool uses the same.
 *
 * The value is never mutated: changes path-copy the containers they touch (model/patch), so the
 * value as opened stays available for "changes since opened" and for any earlier version.
 */
import type { EncodeOptions } from '../../engine/pipeline/encode';
import { FormatError } from '../../engine/errors';
import { getAt, getAtPointer } from '../../engine/json-pointer';
import { displayJson, displayJsonWithin, parseEditedJson } from '../../engine/json-text/display-json';
import type { Recipe } from '../../engine/layers/recipe';
import { decodeBytes, type DecodedDocument, type DecodeOptions } from '../../engine/pipeline/decode';
import { encodeDocument } from '../../engine/pipeline/encode';
import { takeEdit, type TakeRequest } from '../compare/take';
import type { CompareSide } from '../compare/compare';
import { exportDocument } from '../export/export-document';
import { exportModule } from '../export/export-module';
import type { ExportOptions, ExportResult, ExportSource } from '../export/export-options';
import { importModuleEdit, readModuleFile, type ImportModuleOptions, type ModuleFileShape } from '../export/module-file';
import { portableExportOptions } from '../export/portable-options';
import { analyzeProgram } from '../formats/analyze';
import { setFieldProp, setInstructions } from '../formats/kind-edits';
import { moduleSchemaFor } from '../formats/schemas';
import { diffValues } from '../history/diff-values';
import { applyPlan, planMigration, readOnlyReason } from '../migrations/plan';
import { summarizePlan, type PlanRequest, type PlanSummary } from '../migrations/plan-summary';
import type { MigrationAnswers, MigrationPlan } from '../model/migration';
import { deepEqual } from '../model/deep-equal';
import { filterDemos, findModule, readDemos } from '../model/demos';
import { addDemo, duplicateDemo, moveDemo, removeDemos, replaceModuleState, setDemoField } from '../model/edits';
import { moduleView, restoreLeftOut, type LeftOut } from '../model/module-view';
import { applyWithInverse, rememberResult, resultOf } from '../model/patch';
import type { Demo, DetectContext, Edit, ModuleInfo, Operation, Program } from '../model/program';
import { promptJsonl, promptReport } from '../prompt/prompt-export';
import type { AdapterId } from '../prompt/prompt-types';
import { promptModules, renderModulePrompt, type PromptRequest, type PromptView } from '../prompt/render-module';
import { validateValue } from '../schemas/validate';
import type { EditRequest } from './edit-request';
import { readAnswers } from './migration-answers';

export interface ProgramDocumentOptions {
  name: string;
  /** What the program model is told besides the value (siblings of a folder, a recovered program's facts); kept across changes. */
  context?: DetectContext;
  /** The bytes as opened, for layers that cannot be re-made byte for byte (an untouched deflate export). */
  exportBytes?: Uint8Array;
}

export type TextAnswer = { text: string } | { tooLarge: number };

/** A migration as one change: its undoable record and the notes people should read. */
export type Migrated = Edit & { notes: string[] };

export class ProgramDocument {
  readonly name: string;
  readonly decoded: DecodedDocument;
  /** The value as opened; never mutated. */
  readonly original: unknown;
  private current: unknown;
  private view: Program;
  private readonly applied: Operation[] = [];
  private readonly context: DetectContext;
  private readonly exportBytes: Uint8Array | undefined;
  /** The program view of the original, made on first use and kept. */
  private originalView: Program | undefined;
  /** Why edits are refused (a version newer than the app knows), for the value it was worked out for. */
  private readOnlyFor: { value: unknown; reason: string | undefined } | undefined;

  constructor(decoded: DecodedDocument, options: ProgramDocumentOptions) {
    this.name = options.name;
    this.decoded = decoded;
    this.original = decoded.value;
    this.current = decoded.value;
    this.context = options.context ?? { recipe: decoded.recipe, name: options.name };
    this.view = this.analyse(decoded.value);
    this.exportBytes = options.exportBytes;
  }

  /** Decodes `bytes` through the layers (sniffed by bytes) and analyses the program they hold; export may hand `bytes` back untouched. */
  static async open(bytes: Uint8Array, options: Omit<DecodeOptions, 'name'> & { name: string }): Promise<ProgramDocument> {
    const decoded = await decodeBytes(bytes, options);
    options.onProgress?.({ stage: 'analyse', done: 0, total: 1 });
    return new ProgramDocument(decoded, { name: options.name, exportBytes: bytes });
  }

  get value(): unknown {
    return this.current;
  }

  get program(): Program {
    return this.view;
  }

  get recipe(): Recipe {
    return this.decoded.recipe;
  }

  /** Every operation applied since opening, in order: what export replays onto the source text. */
  get appliedOps(): readonly Operation[] {
    return this.applied;
  }

  /** Why this document takes no edits, or undefined when it does. */
  readOnly(): string | undefined {
    const known = this.readOnlyFor;
    if (known && known.value === this.current) return known.reason;
    const reason = readOnlyReason(this.current, this.view)?.reason;
    this.readOnlyFor = { value: this.current, reason };
    return reason;
  }

  // ---- changes: each applies its ops once and returns its undoable record ----

  /** A model edit asked for by a form or the precise view. */
  edit(request: EditRequest): Edit {
    this.refuseIfReadOnly();
    return this.adopt(this.makeEdit(request));
  }

  /** Raw operations (undo, redo, a history replay); answers the program they make. */
  apply(ops: readonly Operation[]): Program {
    this.refuseIfReadOnly();
    this.adopt({ ops: [...ops], inverse: [], label: '' });
    return this.view;
  }

  /**
   * A stored line's changes applied in order (a resumed session), as one step of the document;
   * answers each change's inverse, so the session gets its undo steps back. All or nothing.
   */
  applyEach(changes: readonly (readonly Operation[])[]): { program: Program; inverses: Operation[][] } {
    this.refuseIfReadOnly();
    let value = this.current;
    const inverses: Operation[][] = [];
    for (const ops of changes) {
      const applied = applyWithInverse(value, ops);
      value = applied.value;
      inverses.push(applied.inverse);
    }
    const view = this.analyse(value);
    this.current = value;
    this.view = view;
    for (const ops of changes) this.applied.push(...ops);
    return { program: view, inverses };
  }

  /** The migration to `target` as one change; refused for read-only and, without tryAnyway, incompatible files. */
  migrate(target?: string, options: { tryAnyway?: boolean; answers?: MigrationAnswers } = {}): Migrated {
    const { choices, errors } = readAnswers(options.answers);
    const refused = Object.entries(errors)[0];
    if (refused)
      throw new FormatError({
        code: 'invalid',
        layer: 'migration',
        path: `/${refused[0]}`,
        message: `The signature given for ${refused[0]} does not parse: ${refused[1]}`,
      });
    const made = applyPlan(this.current, this.view, target, { tryAnyway: options.tryAnyway === true, choices });
    if (made.ops.length === 0)
      throw new FormatError({ code: 'invalid', layer: 'migration', message: 'Nothing to migrate: the file is already in the target layout.' });
    const edit: Migrated = { ops: made.ops, inverse: made.inverse, label: made.label, notes: made.notes };
    rememberResult(edit, this.current, made.value);
    this.adopt(edit);
    return edit;
  }

  /** A module file's decoded value added as a module (or replacing one of the same name), as one change. */
  importModule(fileValue: unknown, options: ImportModuleOptions = {}): Edit {
    this.refuseIfReadOnly();
    return this.adopt(importModuleEdit(this.current, this.view, fileValue, options));
  }

  /** Instructions or a demo of another program (a comparison's other side) taken into this one, as one change. */
  take(other: CompareSide, request: TakeRequest): Edit {
    this.refuseIfReadOnly();
    return this.adopt(takeEdit({ value: this.current, program: this.view, label: this.name }, other, request));
  }

  /** The change that makes the current value equal to `version` (see versionAt), as one new step. */
  restore(version: readonly Operation[], label: string): Edit {
    this.refuseIfReadOnly();
    const diff = this.diffTo(version);
    const edit: Edit = { ops: diff.ops, inverse: diff.inverse, label };
    rememberResult(edit, this.current, resultOf(diff, this.current));
    return this.adopt(edit);
  }

  /** Ops (and their inverse) that turn the current value into `version`: a removed demo comes back as one add. */
  diffTo(version: readonly Operation[]): { ops: Operation[]; inverse: Operation[] } {
    const ops = diffValues(this.current, this.versionAt(version));
    const applied = applyWithInverse(this.current, ops);
    const diff = { ops, inverse: applied.inverse };
    rememberResult(diff, this.current, applied.value);
    return diff;
  }

  /**
   * A version of this document: `n` is the state after the first n operations applied here; a list of
   * operations is the original with those applied (a history line).
   */
  versionAt(at: number | readonly Operation[]): unknown {
    const ops: readonly Operation[] = typeof at === 'number' ? this.applied.slice(0, Math.max(0, at)) : at;
    return ops.length === 0 ? this.original : applyWithInverse(this.original, ops).value;
  }

  // ---- reading ----

  /** The value at a pointer as pretty JSON text, refused above `maxChars`; the untouched whole file as it was written. */
  text(pointer: string, maxChars: number): TextAnswer {
    if (pointer === '' && this.decoded.text !== undefined && this.applied.length === 0) {
      const text = this.decoded.text;
      return text.length > maxChars ? { tooLarge: text.length } : { text };
    }
    // Measured before it is built: a shared or deep value can make a text no tab can hold.
    return displayJsonWithin(getAtPointer(this.current, pointer), maxChars);
  }

  /** One version's value at a pointer as pretty JSON text; `absent` when that version has nothing there. */
  versionText(version: readonly Operation[], pointer: string, maxChars: number): TextAnswer | { absent: true } {
    const value = getAt(this.versionAt(version), pointer);
    if (value === undefined) return { absent: true };
    return displayJsonWithin(value, maxChars);
  }

  module(moduleId: string): { module: ModuleInfo; json: string; schema?: object; leftOut?: LeftOut } {
    const module = findModule(this.view, moduleId);
    const { view, leftOut } = moduleView(getAtPointer(this.current, module.pointer), module);
    const schema = moduleSchemaFor(this.view, module);
    return { module, json: displayJson(view), schema: leftOut && schema ? withoutRequired(schema, leftOut.key) : schema, ...(leftOut ? { leftOut } : {}) };
  }

  /** The program view of the value as opened (analysed once). */
  originalProgram(): Program {
    if (this.applied.length === 0) return this.view;
    this.originalView ??= this.analyse(this.original);
    return this.originalView;
  }

  /** The module as it was when the file was opened ('' when it did not exist then). */
  originalModule(moduleId: string): string {
    const module = this.originalProgram().modules.find((m) => m.id === moduleId);
    return module ? displayJson(moduleView(getAtPointer(this.original, module.pointer), module).view) : '';
  }

  demos(moduleId: string, offset: number, count: number, indexes?: number[]): Demo[] {
    if (!indexes) return readDemos(this.current, this.view, moduleId, offset, count);
    return indexes.flatMap((i) => readDemos(this.current, this.view, moduleId, i, 1));
  }

  filterDemos(moduleId: string, text: string): number[] {
    return filterDemos(this.current, this.view, moduleId, text);
  }

  /** Module ids whose state differs from the file as opened. */
  changedModules(): string[] {
    const original = this.originalProgram();
    const before = new Map(original.modules.map((m) => [m.id, getAtPointer(this.original, m.pointer)]));
    return this.view.modules.filter((m) => !before.has(m.id) || !deepEqual(before.get(m.id), getAtPointer(this.current, m.pointer))).map((m) => m.id);
  }

  /** The migration plan to `target` (steps with their ops and notes), applied by nothing. */
  plan(target?: string, options: { tryAnyway?: boolean; answers?: MigrationAnswers } = {}): MigrationPlan {
    return planMigration(this.current, this.view, target, { tryAnyway: options.tryAnyway === true, choices: readAnswers(options.answers).choices });
  }

  migrationPlan(request: PlanRequest): PlanSummary {
    const { answers, ...rest } = request;
    const { choices, errors } = readAnswers(answers);
    const summary = summarizePlan(this.current, this.view, rest, choices);
    return Object.keys(errors).length > 0 ? { ...summary, answerErrors: errors } : summary;
  }

  /** One predictor's prompt as DSPy's adapter builds it, with the view settings applied. */
  prompt(request: PromptRequest): PromptView {
    return renderModulePrompt(this.current, this.view, request);
  }

  /** Every predictor's prompt at once, as one Markdown report or one JSON line per predictor. */
  promptReport(format: 'md' | 'jsonl', adapter?: AdapterId): { text: string; count: number } {
    const prompts = promptModules(this.view).map((m) => renderModulePrompt(this.current, this.view, { moduleId: m.id, ...(adapter ? { adapter } : {}) }));
    return { text: format === 'md' ? promptReport(this.name, prompts) : promptJsonl(prompts), count: prompts.length };
  }

  /** The flagged secrets of the file as opened, by key. */
  originalSecrets(): { count: number; keys: string[] } {
    const { secrets } = this.originalProgram();
    return { count: secrets.length, keys: [...new Set(secrets.map((s) => s.key))] };
  }

  // ---- writing ----

  /** The document as a file in the chosen recipe, decoded again as a check. */
  export(options: ExportOptions = {}): Promise<ExportResult> {
    return exportDocument(this.exportSource(this.current, this.view, this.applied), options);
  }

  /** The file as opened, written by export with its secrets redacted: its own recipe where export can write it, JSON otherwise. */
  redactedOriginal(): Promise<ExportResult> {
    return exportDocument(this.exportSource(this.original, this.originalProgram(), []), portableExportOptions(this.decoded.syntax, true));
  }

  /** One module as a file its framework loads alone. */
  exportModule(moduleId: string, options: ExportOptions & { shape?: ModuleFileShape } = {}): Promise<ExportResult> {
    return exportModule({ value: this.current, program: this.view, recipe: this.decoded.recipe }, moduleId, options);
  }

  /** The current value written back with its own recipe (edits spliced into the source text). */
  encode(options: EncodeOptions = {}): Promise<Uint8Array> {
    const { text, recipe } = this.decoded;
    return encodeDocument(text !== undefined ? { value: this.current, recipe, source: { text, ops: this.applied } } : { value: this.current, recipe }, options);
  }

  // ---- inside ----

  private exportSource(value: unknown, program: Program, applied: readonly Operation[]): ExportSource {
    const source: ExportSource = { value, program, recipe: this.decoded.recipe, appliedOps: applied, originalValue: this.original, name: this.name };
    if (this.decoded.text !== undefined) source.sourceText = this.decoded.text;
    if (this.exportBytes) source.originalBytes = this.exportBytes;
    return source;
  }

  private adopt<E extends Edit>(edit: E): E {
    const value = resultOf(edit, this.current);
    // Analysed before anything is kept: a change that fails anywhere leaves the document as it was.
    const view = this.analyse(value);
    this.current = value;
    this.view = view;
    this.applied.push(...edit.ops);
    return edit;
  }

  private analyse(value: unknown): Program {
    return analyzeProgram(value, this.context);
  }

  private refuseIfReadOnly(): void {
    const reason = this.readOnly();
    if (reason !== undefined) throw new FormatError({ code: 'unsupported', layer: 'read-only', message: reason });
  }

  private makeEdit(request: EditRequest): Edit {
    const value = this.current;
    const program = this.view;
    switch (request.kind) {
      case 'instructions':
        return setInstructions(value, program, request.moduleId, request.text);
      case 'field':
        return setFieldProp(value, program, request.moduleId, request.fieldIndex, request.prop, request.text);
      case 'demo-field':
        return setDemoField(
          value,
          program,
          request.moduleId,
          request.demoIndex,
          request.field,
          request.json !== undefined ? parseEditedJson(request.json) : request.value,
        );
      case 'add-demo':
        return addDemo(value, program, request.moduleId, request.demo, request.at);
      case 'duplicate-demo':
        return duplicateDemo(value, program, request.moduleId, request.demoIndex);
      case 'remove-demos':
        return removeDemos(value, program, request.moduleId, request.demoIndexes);
      case 'move-demo':
        return moveDemo(value, program, request.moduleId, request.from, request.to);
      case 'replace-module': {
        const module = findModule(program, request.moduleId);
        const parsed = parseEditedJson(request.json);
        const state = request.leftOut ? restoreLeftOut(parsed, getAtPointer(value, module.pointer), request.leftOut) : parsed;
        const schema = moduleSchemaFor(program, module);
        const first = schema ? validateValue(state, schema)[0] : undefined;
        if (first) throw new FormatError({ code: 'invalid', layer: 'schema', message: first.message, path: first.pointer });
        return replaceModuleState(value, program, request.moduleId, state);
      }
    }
  }
}

/** What a module file holds (decoded by its bytes), so the import form can suggest a name. */
export async function readModuleFileBytes(
  bytes: Uint8Array,
  name: string,
): Promise<{ value: unknown; suggestedName: string; formatLabel: string; moduleIds: string[] }> {
  const decoded = await decodeBytes(bytes, { name });
  const read = readModuleFile(decoded.value);
  return { value: decoded.value, suggestedName: read.suggestedName, formatLabel: read.program.formatLabel, moduleIds: read.program.modules.map((m) => m.id) };
}

/** The schema without `key` required: the view that leaves it out is still valid. */
function withoutRequired(schema: Record<string, unknown>, key: string): Record<string, unknown> {
  const required = Array.isArray(schema.required) ? schema.required.filter((k) => k !== key) : schema.required;
  return { ...schema, required };
}
