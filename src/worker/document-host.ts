/**
 * What a document worker does, without the worker plumbing, so Node tests can drive it directly.
 *
 * The value tree is never mutated: edits path-copy the containers they touch (core/model/patch), so
 * the value as opened stays available for "changes since opened" at the cost of the copied paths only.
 */
import { analyzeProgram } from '../core/program/formats/analyze';
import { FormatError, toErrorInfo } from '../core/engine/errors';
import { getAt, getAtPointer } from '../core/engine/json-pointer';
import { displayJson, displayJsonWithin, parseEditedJson } from '../core/engine/json-text/display-json';
import { filterDemos, findModule, readDemos } from '../core/program/model/demos';
import {
  addDemo,
  duplicateDemo,
  moveDemo,
  removeDemos,
  replaceModuleState,
  setDemoField,
} from '../core/program/model/edits';
import { deepEqual } from '../core/program/model/deep-equal';
import { applyWithInverse } from '../core/program/model/patch';
import { moduleView, restoreLeftOut } from '../core/program/model/module-view';
import { applyPlan, readOnlyReason } from '../core/program/migrations/plan';
import { summarizePlan } from '../core/program/migrations/plan-summary';
import { diffValues } from '../core/program/history/diff-values';
import { sha256Hex } from '../core/engine/checksum/sha256';
import type { Edit, Operation, Program } from '../core/program/model/program';
import { validateValue } from '../core/program/schemas/validate';
import { decodeBytes, type DecodedDocument } from '../core/engine/pipeline/decode';
import { encodeDocument } from '../core/engine/pipeline/encode';
import { exportDocument } from '../core/program/export/export-document';
import { portableExportOptions } from '../core/program/export/portable-options';
import type { ExportSource } from '../core/program/export/export-options';
import { exportModule } from '../core/program/export/export-module';
import { importModuleEdit, readModuleFile } from '../core/program/export/module-file';
import { verifyChecksum } from '../core/engine/checksum/verify';
import { readContainerHeader, sniffContainer } from '../core/engine/crypto/container';
import type { ChecksumResult, DocumentSummary, EditRequest, EncryptionFacts, OpenCredentials, OpenSource, Params, Progress, Result } from './protocol';
import { setFieldProp, setInstructions } from '../core/program/formats/kind-edits';
import { moduleSchemaFor } from '../core/program/formats/schemas';
import { DocumentSecrets, exportEncryption, isKeyError } from './document-secrets';
import { readFileInChunks } from './read-file';
import { StageClock } from './stage-clock';
import { PickleInspector, pickleContainer } from './pickle-inspector';
import { companionSummary, openRecovered, type ReadCompanion } from './recovered-open';
import type { DetectContext } from '../core/program/model/program';
import { promptModules, renderModulePrompt } from '../core/program/prompt/render-module';
import { promptJsonl, promptReport } from '../core/program/prompt/prompt-export';
import { CompareHost } from './compare-host';

interface OpenDocument {
  decoded: DecodedDocument;
  name: string;
  /** The value as opened; never mutated. */
  original: unknown;
  value: unknown;
  program: Program;
  /** Every operation applied since opening, in order: what export replays onto the source text. */
  applied: Operation[];
  /** The bytes as opened, kept until the history has them (see `original`). */
  bytes?: Uint8Array;
  sha256?: string;
  encryption?: EncryptionFacts;
  /** What the program model is told besides the value (a recovered program's facts stay across edits). */
  context?: DetectContext;
}

/** An open waiting for a key: what it read, so the key prompt can try again without the file. */
interface LockedOpen {
  bytes: Uint8Array;
  name: string;
  companions: File[];
  sidecar?: File;
}

export class DocumentHost {
  private doc: OpenDocument | undefined;
  /** The bytes as opened, for files whose layers cannot be re-made byte for byte (see export). */
  private exportBytes: Uint8Array | undefined;
  /** Pickles and torch files only: the disassembly, tensor table and previews (see pickle-inspector). */
  private pickle: PickleInspector | undefined;
  /** The open document's key or passphrase (encrypted files only); see document-secrets. */
  private secrets: DocumentSecrets | undefined;
  /** The bytes of an open that failed for want of the right key. */
  private locked: LockedOpen | undefined;
  /** "Compare…": the other program, beside this document. */
  private readonly comparer = new CompareHost(
    () => {
      const doc = this.requireDocument();
      return { value: doc.value, program: doc.program, name: doc.name };
    },
    ({ ops }) => applyWithInverse(this.requireDocument().original, ops).value,
  );

  compareWith({ source }: Params<'compareWith'>, onProgress: (p: Progress) => void): Promise<Result<'compareWith'>> {
    return this.comparer.compareWith(source, onProgress);
  }

  compareTake({ take }: Params<'compareTake'>): Result<'compareTake'> {
    const doc = this.requireDocument();
    this.refuseIfReadOnly(doc);
    return { edit: this.comparer.take(take) };
  }

  compareClose(): Result<'compareClose'> {
    this.comparer.close();
    return {};
  }

  async open({ source, companions = [], sidecar, credentials }: Params<'open'>, onProgress: (p: Progress) => void, signal?: AbortSignal): Promise<Result<'open'>> {
    const clock = new StageClock();
    const progress = clock.wrap(onProgress);
    const { bytes, name } = await this.bytesOf(source, progress, signal);
    return this.openBytes({ bytes, name, companions, ...(sidecar ? { sidecar } : {}) }, credentials, progress, clock, signal);
  }

  /** A second try at an open that wanted a key, from the bytes it kept: nothing is read again. */
  async unlock({ credentials }: Params<'unlock'>, onProgress: (p: Progress) => void): Promise<Result<'unlock'>> {
    if (!this.locked) throw new FormatError({ code: 'invalid', layer: 'worker', message: 'No encrypted file is waiting for a key in this worker.' });
    const clock = new StageClock();
    return this.openBytes(this.locked, credentials, clock.wrap(onProgress), clock);
  }

  lockInfo(): Result<'lockInfo'> {
    const locked = this.locked;
    if (!locked) throw new FormatError({ code: 'invalid', layer: 'worker', message: 'No encrypted file is waiting for a key in this worker.' });
    let container: { kdf: string; iterations: number } | undefined;
    if (sniffContainer(locked.bytes)) {
      try {
        container = { kdf: 'PBKDF2-SHA-256', iterations: readContainerHeader(locked.bytes).iterations };
      } catch {
        // A damaged header is reported by the open itself; the prompt just shows less.
      }
    }
    return { name: locked.name, size: locked.bytes.length, ...(container ? { container } : {}) };
  }

  async historyKey(): Promise<Result<'historyKey'>> {
    const doc = this.requireDocument();
    if (!this.secrets || !doc.encryption) return {};
    doc.sha256 ??= await sha256Hex(doc.bytes ?? new Uint8Array());
    return { key: await this.secrets.historyKey(doc.sha256) };
  }

  private async openBytes(input: LockedOpen, credentials: OpenCredentials | undefined, onProgress: (p: Progress) => void, clock: StageClock, signal?: AbortSignal): Promise<Result<'open'>> {
    const { bytes, name, companions, sidecar } = input;
    const checksum = sidecar ? await this.verifySidecar(bytes, name, sidecar) : undefined;
    // WebCrypto hashes on its own thread: the digest is ready by the time decoding is done.
    const digest = sha256Hex(bytes);
    digest.catch(() => undefined);
    let decoded: DecodedDocument;
    let secrets: DocumentSecrets | undefined;
    let encryption: EncryptionFacts | undefined;
    try {
      secrets = credentials ? DocumentSecrets.from(credentials) : undefined;
      decoded = await decodeBytes(bytes, { name, signal, onProgress, ...(secrets ? { credentials: secrets.credentials } : {}) });
      encryption = secrets?.factsFor(decoded.recipe);
    } catch (e) {
      // Kept for the key prompt's next try; a bad key is as answerable as none.
      if (isKeyError(e) || (credentials && e instanceof FormatError && e.layer === 'key')) this.locked = input;
      throw e;
    }
    this.locked = undefined;
    const sha256 = await digest;
    const read = await Promise.all(companions.map((file) => this.readCompanion(file, signal)));
    const companionSummaries = read.map((c) => c.summary);
    // A DSPy program inside a pickle opens as the state JSON recovered from it (nothing is run).
    const recovered = await openRecovered({ name, bytes, decoded }, read, signal);
    const docName = recovered ? recovered.name : name;
    if (recovered) {
      decoded = recovered.decoded;
      if (recovered.pickleSummary) companionSummaries.unshift(recovered.pickleSummary);
    }
    onProgress({ stage: 'analyse', done: 0, total: 1 });
    const context = { recipe: decoded.recipe, name: docName, ...(recovered ? { recovered: recovered.facts } : { siblings: companions.map((c) => c.name) }) };
    const program = analyzeProgram(decoded.value, context);
    // The recovered state is the document: history and "as opened" keep its bytes, not the pickle's.
    const docBytes = recovered ? new TextEncoder().encode(decoded.text ?? '') : bytes;
    const docSha = recovered ? await sha256Hex(docBytes) : sha256;
    this.doc = { decoded, name: docName, original: decoded.value, value: decoded.value, program, applied: [], bytes: docBytes, sha256: docSha, context, ...(encryption ? { encryption } : {}) };
    // The secret stays only for a file that needed it: export and history sealing use it.
    this.secrets = encryption ? secrets : undefined;
    // Deflate streams cannot be re-made bit for bit: an untouched export hands these back (text files re-encode exactly).
    this.exportBytes = decoded.recipe.length > 1 || decoded.text === undefined ? bytes : undefined;
    const container = recovered ? undefined : pickleContainer(decoded.recipe);
    this.pickle = container ? new PickleInspector(bytes, container) : undefined;
    const summary: DocumentSummary = {
      name: docName,
      recipe: decoded.recipe,
      syntax: decoded.syntax,
      inputBytes: decoded.inputBytes,
      decodedBytes: decoded.decodedBytes,
      warnings: decoded.warnings,
      openMs: clock.total(),
      stages: clock.stages(),
    };
    const locked = readOnlyReason(decoded.value, program)?.reason;
    return { summary, program, companions: companionSummaries, ...(checksum ? { checksum } : {}), sha256: docSha, ...(encryption ? { encryption } : {}), ...(locked ? { locked } : {}) };
  }

  text({ pointer, maxChars }: Params<'text'>): Result<'text'> {
    const doc = this.requireDocument();
    // The untouched whole document is shown as the file wrote it; anything else is pretty-printed.
    if (pointer === '' && doc.decoded.text !== undefined && doc.applied.length === 0) {
      const text = doc.decoded.text;
      return text.length > maxChars ? { tooLarge: text.length } : { text };
    }
    // Measured before it is built: a shared or deep value can make a text no tab can hold.
    return displayJsonWithin(getAtPointer(doc.value, pointer), maxChars);
  }

  module({ moduleId }: Params<'module'>): Result<'module'> {
    const doc = this.requireDocument();
    const module = findModule(doc.program, moduleId);
    const { view, leftOut } = moduleView(getAtPointer(doc.value, module.pointer), module);
    const schema = moduleSchemaFor(doc.program, module);
    return { module, json: displayJson(view), schema: leftOut && schema ? withoutRequired(schema, leftOut.key) : schema, ...(leftOut ? { leftOut } : {}) };
  }

  originalModule({ moduleId }: Params<'originalModule'>): Result<'originalModule'> {
    const doc = this.requireDocument();
    const original = analyzeProgram(doc.original, doc.context ?? { recipe: doc.decoded.recipe, name: doc.name });
    const module = original.modules.find((m) => m.id === moduleId);
    return { json: module ? displayJson(moduleView(getAtPointer(doc.original, module.pointer), module).view) : '' };
  }

  demos({ moduleId, offset, count, indexes }: Params<'demos'>): Result<'demos'> {
    const doc = this.requireDocument();
    if (!indexes) return { demos: readDemos(doc.value, doc.program, moduleId, offset, count) };
    return { demos: indexes.flatMap((i) => readDemos(doc.value, doc.program, moduleId, i, 1)) };
  }

  filterDemos({ moduleId, text }: Params<'filterDemos'>): Result<'filterDemos'> {
    const doc = this.requireDocument();
    return { indexes: filterDemos(doc.value, doc.program, moduleId, text) };
  }

  edit({ edit }: Params<'edit'>): Result<'edit'> {
    const doc = this.requireDocument();
    this.refuseIfReadOnly(doc);
    const made = this.makeEdit(doc, edit);
    this.apply(doc, made.ops);
    return { program: doc.program, edit: made };
  }

  applyOps({ ops }: Params<'applyOps'>): Result<'applyOps'> {
    const doc = this.requireDocument();
    this.refuseIfReadOnly(doc);
    this.apply(doc, ops);
    return { program: doc.program };
  }

  changedModules(): Result<'changedModules'> {
    const doc = this.requireDocument();
    const original = analyzeProgram(doc.original, doc.context ?? { recipe: doc.decoded.recipe, name: doc.name });
    const before = new Map(original.modules.map((m) => [m.id, getAtPointer(doc.original, m.pointer)]));
    const moduleIds = doc.program.modules.filter((m) => !before.has(m.id) || !deepEqual(before.get(m.id), getAtPointer(doc.value, m.pointer))).map((m) => m.id);
    return { moduleIds };
  }

  /** The document as a file in the chosen recipe, decoded again as a check before it is handed over. */
  async export({ options: asked, encryption }: Params<'export'>): Promise<Result<'export'>> {
    const doc = this.requireDocument();
    const options = encryption ? { ...asked, encryption: exportEncryption(encryption, this.secrets) } : asked;
    const source: ExportSource = { value: doc.value, program: doc.program, recipe: doc.decoded.recipe, appliedOps: doc.applied, originalValue: doc.original, name: doc.name };
    if (doc.decoded.text !== undefined) source.sourceText = doc.decoded.text;
    if (this.exportBytes) source.originalBytes = this.exportBytes;
    return exportDocument(source, options);
  }

  /** One module as a file its framework loads alone. */
  async exportModule({ moduleId, shape, options: asked, encryption }: Params<'exportModule'>): Promise<Result<'exportModule'>> {
    const doc = this.requireDocument();
    const options = encryption ? { ...asked, encryption: exportEncryption(encryption, this.secrets) } : asked;
    return exportModule({ value: doc.value, program: doc.program, recipe: doc.decoded.recipe }, moduleId, { ...options, ...(shape ? { shape } : {}) });
  }

  /** What a module file holds, so the import form can suggest a name. */
  async readModuleFile({ bytes, name }: Params<'readModuleFile'>): Promise<Result<'readModuleFile'>> {
    const decoded = await decodeBytes(new Uint8Array(bytes), { name });
    const read = readModuleFile(decoded.value);
    return { suggestedName: read.suggestedName, formatLabel: read.program.formatLabel, moduleIds: read.program.modules.map((m) => m.id) };
  }

  /** The edit that imports a module file; not applied here: the page applies it like undo/redo do, as one history step. */
  async importModule({ bytes, name, asName, replace }: Params<'importModule'>): Promise<Result<'importModule'>> {
    const doc = this.requireDocument();
    const decoded = await decodeBytes(new Uint8Array(bytes), { name });
    const edit = importModuleEdit(doc.value, doc.program, decoded.value, { ...(asName !== undefined ? { name: asName } : {}), ...(replace ? { replace } : {}) });
    return { edit };
  }

  async encode(): Promise<Result<'encode'>> {
    const doc = this.requireDocument();
    const { text } = doc.decoded;
    const input = text !== undefined ? { value: doc.value, recipe: doc.decoded.recipe, source: { text, ops: doc.applied } } : { value: doc.value, recipe: doc.decoded.recipe };
    return { bytes: await encodeDocument(input) };
  }

  async original({ redactSecrets }: Params<'original'> = {}): Promise<Result<'original'>> {
    const doc = this.requireDocument();
    doc.sha256 ??= await sha256Hex(doc.bytes ?? new Uint8Array());
    const { secrets } = this.originalProgram(doc);
    const secretKeys = [...new Set(secrets.map((s) => s.key))];
    // An encrypted original is stored as its encrypted bytes: nothing in it is in clear.
    if (redactSecrets && secrets.length > 0 && !doc.encryption) {
      const redacted = await this.redactedOriginal();
      doc.bytes = undefined;
      return { sha256: redacted.sha256, size: redacted.bytes.length, bytes: redacted.bytes, secrets: 0, secretKeys, redacted: redacted.redacted };
    }
    const bytes = doc.bytes;
    doc.bytes = undefined; // handed over once: the worker need not hold a second copy of the file
    return { sha256: doc.sha256, size: doc.decoded.inputBytes, ...(bytes ? { bytes } : {}), secrets: doc.encryption ? 0 : secrets.length, secretKeys };
  }

  /** The original as export writes it with its secrets redacted: its own recipe where export can write it, JSON otherwise. */
  async redactedOriginal(): Promise<Result<'redactedOriginal'>> {
    const doc = this.requireDocument();
    const program = this.originalProgram(doc);
    const source: ExportSource = { value: doc.original, program, recipe: doc.decoded.recipe, appliedOps: [], originalValue: doc.original, name: doc.name };
    if (doc.decoded.text !== undefined) source.sourceText = doc.decoded.text;
    if (this.exportBytes) source.originalBytes = this.exportBytes;
    const r = await exportDocument(source, portableExportOptions(doc.decoded.syntax, true));
    return { sha256: r.sha256, bytes: r.bytes, redacted: r.redacted, secretKeys: [...new Set(program.secrets.map((s) => s.key))] };
  }

  private originalProgram(doc: OpenDocument): Program {
    return doc.applied.length === 0 ? doc.program : analyzeProgram(doc.original, { recipe: doc.decoded.recipe, name: doc.name });
  }

  versionDiff({ ops }: Params<'versionDiff'>): Result<'versionDiff'> {
    const doc = this.requireDocument();
    const diff = diffValues(doc.value, applyWithInverse(doc.original, ops).value);
    return { ops: diff, inverse: applyWithInverse(doc.value, diff).inverse };
  }

  versionText({ ops, pointer, maxChars }: Params<'versionText'>): Result<'versionText'> {
    const doc = this.requireDocument();
    const value = getAt(applyWithInverse(doc.original, ops).value, pointer);
    if (value === undefined) return { absent: true };
    return displayJsonWithin(value, maxChars);
  }

  migrationPlan(params: Params<'migrationPlan'>): Result<'migrationPlan'> {
    const doc = this.requireDocument();
    return summarizePlan(doc.value, doc.program, params);
  }

  migrate({ target, tryAnyway }: Params<'migrate'>): Result<'migrate'> {
    const doc = this.requireDocument();
    const made = applyPlan(doc.value, doc.program, target, { tryAnyway: tryAnyway === true });
    if (made.ops.length === 0) throw new FormatError({ code: 'invalid', layer: 'migration', message: 'Nothing to migrate: the file is already in the target layout.' });
    this.apply(doc, made.ops);
    return { program: doc.program, edit: { ops: made.ops, inverse: made.inverse, label: made.label }, notes: made.notes };
  }

  /** A file newer than the app knows is read-only: every edit is refused with a typed error. */
  private refuseIfReadOnly(doc: OpenDocument): void {
    const readOnly = readOnlyReason(doc.value, doc.program);
    if (readOnly) throw new FormatError({ code: 'unsupported', layer: 'read-only', message: readOnly.reason });
  }

  private makeEdit(doc: OpenDocument, request: EditRequest): Edit {
    const { value, program } = doc;
    switch (request.kind) {
      case 'instructions':
        return setInstructions(value, program, request.moduleId, request.text);
      case 'field':
        return setFieldProp(value, program, request.moduleId, request.fieldIndex, request.prop, request.text);
      case 'demo-field':
        return setDemoField(value, program, request.moduleId, request.demoIndex, request.field, request.json !== undefined ? parseEditedJson(request.json) : request.value);
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
        const problems = schema ? validateValue(state, schema) : [];
        const first = problems[0];
        if (first) {
          throw new FormatError({ code: 'invalid', layer: 'schema', message: first.message, path: first.pointer });
        }
        return replaceModuleState(value, program, request.moduleId, state);
      }
    }
  }

  private apply(doc: OpenDocument, ops: readonly Operation[]): void {
    const { value } = applyWithInverse(doc.value, ops);
    doc.value = value;
    doc.applied.push(...ops);
    doc.program = analyzeProgram(value, doc.context?.recovered ? doc.context : { recipe: doc.decoded.recipe, name: doc.name });
  }

  private async readCompanion(file: File, signal?: AbortSignal): Promise<ReadCompanion> {
    let bytes: Uint8Array | undefined;
    try {
      bytes = await readFileInChunks(file, () => undefined, signal);
      const decoded = await decodeBytes(bytes, { name: file.name, signal });
      return { name: file.name, bytes, decoded, summary: companionSummary(file.name, file.size, decoded) };
    } catch (e) {
      return { name: file.name, ...(bytes ? { bytes } : {}), summary: { name: file.name, size: file.size, warnings: [], error: toErrorInfo(e, 'companion') } };
    }
  }

  private async verifySidecar(bytes: Uint8Array, name: string, sidecar: File): Promise<ChecksumResult> {
    try {
      const text = new TextDecoder().decode(await readFileInChunks(sidecar, () => undefined));
      return { ...(await verifyChecksum(bytes, text, name)), sidecarName: sidecar.name };
    } catch (e) {
      // A bad sidecar is reported beside the document; it does not stop the document from opening.
      return { ok: false, expected: '', actual: '', message: `${sidecar.name} could not be used: ${toErrorInfo(e, 'checksum').message}`, sidecarName: sidecar.name };
    }
  }

  private async bytesOf(source: OpenSource, onProgress: (p: Progress) => void, signal?: AbortSignal) {
    if (source.kind === 'bytes') return { bytes: new Uint8Array(source.bytes), name: source.name };
    const bytes = await readFileInChunks(source.file, (done, total) => onProgress({ stage: 'read', done, total }), signal);
    return { bytes, name: source.file.name };
  }

  prompt(request: Params<'prompt'>): Result<'prompt'> {
    const doc = this.requireDocument();
    return renderModulePrompt(doc.value, doc.program, request);
  }

  promptReport({ format, adapter }: Params<'promptReport'>): Result<'promptReport'> {
    const doc = this.requireDocument();
    const prompts = promptModules(doc.program).map((m) => renderModulePrompt(doc.value, doc.program, { moduleId: m.id, ...(adapter ? { adapter } : {}) }));
    return { text: format === 'md' ? promptReport(doc.name, prompts) : promptJsonl(prompts), count: prompts.length };
  }

  disassembly(params: Params<'disassembly'>): Result<'disassembly'> {
    return this.requirePickle().disassembly(params);
  }

  tensors(params: Params<'tensors'>): Result<'tensors'> {
    return this.requirePickle().tensors(params, this.requireDocument().program);
  }

  tensorPreview(params: Params<'tensorPreview'>): Result<'tensorPreview'> {
    return this.requirePickle().tensorPreview(params);
  }

  private requirePickle(): PickleInspector {
    if (!this.pickle) throw new FormatError({ code: 'unsupported', layer: 'pickle', message: 'The open document is not a pickle or torch file as saved.' });
    return this.pickle;
  }

  private requireDocument(): OpenDocument {
    if (!this.doc) throw new FormatError({ code: 'invalid', layer: 'worker', message: 'No document is open in this worker.' });
    return this.doc;
  }
}

/** The schema without `key` required: the view that leaves it out is still valid. */
function withoutRequired(schema: Record<string, unknown>, key: string): Record<string, unknown> {
  const required = Array.isArray(schema.required) ? schema.required.filter((k) => k !== key) : schema.required;
  return { ...schema, required };
}


