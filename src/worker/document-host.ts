/**
 * What a document worker does, without the worker plumbing, so Node tests can drive it directly:
 * it reads the file (with its sidecar, companions and key), opens it as a ProgramDocument, and then
 * serves that document. Every read and every change is the ProgramDocument's; what stays here is
 * what only a worker holds: the bytes as read, the key, the pickle views and the other side of a
 * comparison. Large results (an export, the original for the history) move to the page.
 */
import { FormatError, toErrorInfo } from '../core/engine/errors';
import { sha256Hex } from '../core/engine/checksum/sha256';
import { verifyChecksum } from '../core/engine/checksum/verify';
import { readContainerHeader, sniffContainer } from '../core/engine/crypto/container';
import { decodeBytes, type DecodedDocument } from '../core/engine/pipeline/decode';
import { ProgramDocument, readModuleFileBytes } from '../core/program/document/program-document';
import { CompareHost } from './compare-host';
import { DocumentSecrets, exportEncryption, isKeyError } from './document-secrets';
import { ownBuffer, transfer } from './kit/transfer';
import { PickleInspector, pickleContainer } from './pickle-inspector';
import type { ChecksumResult, DocumentSummary, EncryptionFacts, OpenCredentials, OpenSource, Params, Progress, Result } from './protocol';
import { readFileInChunks } from './read-file';
import { companionSummary, openRecovered, type ReadCompanion } from './recovered-open';
import { StageClock } from './stage-clock';
import { warmUp } from './warm-up';

/** The open document and what the worker keeps beside it. */
interface Open {
  doc: ProgramDocument;
  /** The bytes as opened, kept until the history has them (see `original`). */
  bytes?: Uint8Array;
  sha256: string;
  encryption?: EncryptionFacts;
}

/** An open waiting for a key: what it read, so the key prompt can try again without the file. */
interface LockedOpen {
  bytes: Uint8Array;
  name: string;
  companions: File[];
  sidecar?: File;
}

export class DocumentHost {
  private opened: Open | undefined;
  /** Pickles and torch files only: the disassembly, tensor table and previews (see pickle-inspector). */
  private pickle: PickleInspector | undefined;
  /** The open document's key or passphrase (encrypted files only); see document-secrets. */
  private secrets: DocumentSecrets | undefined;
  /** The bytes of an open that failed for want of the right key. */
  private locked: LockedOpen | undefined;
  /** "Compare…": the other program, beside this document. */
  private readonly comparer = new CompareHost(
    () => {
      const { doc } = this.requireDocument();
      return { value: doc.value, program: doc.program, name: doc.name };
    },
    ({ ops }) => this.requireDocument().doc.versionAt(ops),
  );

  // ---- opening ----

  async ready(): Promise<Result<'ready'>> {
    await warmUp();
    return {};
  }

  async open(
    { source, companions = [], sidecar, credentials }: Params<'open'>,
    onProgress: (p: Progress) => void,
    signal?: AbortSignal,
  ): Promise<Result<'open'>> {
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
    const open = this.requireDocument();
    if (!this.secrets || !open.encryption) return {};
    return { key: await this.secrets.historyKey(open.sha256) };
  }

  private async openBytes(
    input: LockedOpen,
    credentials: OpenCredentials | undefined,
    onProgress: (p: Progress) => void,
    clock: StageClock,
    signal?: AbortSignal,
  ): Promise<Result<'open'>> {
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
    // The recovered state is the document: history and "as opened" keep its bytes, not the pickle's.
    const docBytes = recovered ? new TextEncoder().encode(decoded.text ?? '') : bytes;
    const docSha = recovered ? await sha256Hex(docBytes) : sha256;
    // Deflate streams cannot be re-made bit for bit: an untouched export hands these back (text files re-encode exactly).
    const exportBytes = decoded.recipe.length > 1 || decoded.text === undefined ? docBytes : undefined;
    const doc = new ProgramDocument(decoded, { name: docName, context, ...(exportBytes ? { exportBytes } : {}) });
    this.opened = { doc, bytes: docBytes, sha256: docSha, ...(encryption ? { encryption } : {}) };
    this.comparer.close();
    // The secret stays only for a file that needed it: export and history sealing use it.
    this.secrets = encryption ? secrets : undefined;
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
    const locked = doc.readOnly();
    return {
      summary,
      program: doc.program,
      companions: companionSummaries,
      ...(checksum ? { checksum } : {}),
      sha256: docSha,
      ...(encryption ? { encryption } : {}),
      ...(locked ? { locked } : {}),
    };
  }

  // ---- reading: the open ProgramDocument answers ----

  text({ pointer, maxChars }: Params<'text'>): Result<'text'> {
    return this.requireDocument().doc.text(pointer, maxChars);
  }

  module({ moduleId }: Params<'module'>): Result<'module'> {
    return this.requireDocument().doc.module(moduleId);
  }

  originalModule({ moduleId }: Params<'originalModule'>): Result<'originalModule'> {
    return { json: this.requireDocument().doc.originalModule(moduleId) };
  }

  demos({ moduleId, offset, count, indexes }: Params<'demos'>): Result<'demos'> {
    return { demos: this.requireDocument().doc.demos(moduleId, offset, count, indexes) };
  }

  filterDemos({ moduleId, text }: Params<'filterDemos'>): Result<'filterDemos'> {
    return { indexes: this.requireDocument().doc.filterDemos(moduleId, text) };
  }

  changedModules(): Result<'changedModules'> {
    return { moduleIds: this.requireDocument().doc.changedModules() };
  }

  versionDiff({ ops }: Params<'versionDiff'>): Result<'versionDiff'> {
    return this.requireDocument().doc.diffTo(ops);
  }

  versionText({ ops, pointer, maxChars }: Params<'versionText'>): Result<'versionText'> {
    return this.requireDocument().doc.versionText(ops, pointer, maxChars);
  }

  migrationPlan(params: Params<'migrationPlan'>): Result<'migrationPlan'> {
    return this.requireDocument().doc.migrationPlan(params);
  }

  prompt(request: Params<'prompt'>): Result<'prompt'> {
    return this.requireDocument().doc.prompt(request);
  }

  promptReport({ format, adapter }: Params<'promptReport'>): Result<'promptReport'> {
    return this.requireDocument().doc.promptReport(format, adapter);
  }

  // ---- changes: each applied once by the ProgramDocument, which answers its undoable record ----

  edit({ edit }: Params<'edit'>): Result<'edit'> {
    const { doc } = this.requireDocument();
    return { edit: doc.edit(edit), program: doc.program };
  }

  applyOps({ ops }: Params<'applyOps'>): Result<'applyOps'> {
    return { program: this.requireDocument().doc.apply(ops) };
  }

  applyEach({ changes }: Params<'applyEach'>): Result<'applyEach'> {
    return this.requireDocument().doc.applyEach(changes);
  }

  migrate({ target, tryAnyway, answers }: Params<'migrate'>): Result<'migrate'> {
    const { doc } = this.requireDocument();
    const { notes, ...edit } = doc.migrate(target, { tryAnyway: tryAnyway === true, ...(answers ? { answers } : {}) });
    return { program: doc.program, edit, notes };
  }

  /** What a module file holds, so the import form can suggest a name. */
  async readModuleFile({ bytes, name }: Params<'readModuleFile'>): Promise<Result<'readModuleFile'>> {
    const { suggestedName, formatLabel, moduleIds } = await readModuleFileBytes(new Uint8Array(bytes), name);
    return { suggestedName, formatLabel, moduleIds };
  }

  /** Imports a module file as one change, applied here; the page records it as one undo step. */
  async importModule({ bytes, name, asName, replace }: Params<'importModule'>): Promise<Result<'importModule'>> {
    const { doc } = this.requireDocument();
    const { value } = await readModuleFileBytes(new Uint8Array(bytes), name);
    const edit = doc.importModule(value, { ...(asName !== undefined ? { name: asName } : {}), ...(replace ? { replace } : {}) });
    return { edit, program: doc.program };
  }

  /** Makes the current value equal to a version (the original plus `ops`), as one new change. */
  restore({ ops, label }: Params<'restore'>): Result<'restore'> {
    const { doc } = this.requireDocument();
    return { edit: doc.restore(ops, label), program: doc.program };
  }

  // ---- comparing with another program, kept beside the document ----

  compareWith({ source }: Params<'compareWith'>, onProgress: (p: Progress) => void): Promise<Result<'compareWith'>> {
    return this.comparer.compareWith(source, onProgress);
  }

  /** Takes the other side's instructions or one of its demos into the document, as one change. */
  compareTake({ take }: Params<'compareTake'>): Result<'compareTake'> {
    const { doc } = this.requireDocument();
    return { edit: doc.take(this.comparer.side(), take), program: doc.program };
  }

  compareClose(): Result<'compareClose'> {
    this.comparer.close();
    return {};
  }

  // ---- writing ----

  /** The document as a file in the chosen recipe, decoded again as a check; the bytes move to the page. */
  async export({ options: asked, encryption }: Params<'export'>): Promise<Result<'export'>> {
    const { doc } = this.requireDocument();
    const options = encryption ? { ...asked, encryption: exportEncryption(encryption, this.secrets) } : asked;
    const result = await doc.export(options);
    return transfer(result, [ownBuffer(result.bytes)]);
  }

  /** One module as a file its framework loads alone; the bytes move to the page. */
  async exportModule({ moduleId, shape, options: asked, encryption }: Params<'exportModule'>): Promise<Result<'exportModule'>> {
    const { doc } = this.requireDocument();
    const options = encryption ? { ...asked, encryption: exportEncryption(encryption, this.secrets) } : asked;
    const result = await doc.exportModule(moduleId, { ...options, ...(shape ? { shape } : {}) });
    return transfer(result, [ownBuffer(result.bytes)]);
  }

  async encode(): Promise<Result<'encode'>> {
    const bytes = await this.requireDocument().doc.encode();
    return transfer({ bytes }, [ownBuffer(bytes)]);
  }

  /**
   * For the history: the SHA-256 of the bytes as opened, and the bytes themselves the first time,
   * with the flagged secrets they hold. With `redactSecrets`, an unencrypted original holding secrets
   * is handed over redacted instead. The bytes move to the page when nothing here reads them any more.
   */
  async original({ redactSecrets }: Params<'original'> = {}): Promise<Result<'original'>> {
    const open = this.requireDocument();
    const secrets = open.doc.originalSecrets();
    // An encrypted original is stored as its encrypted bytes: nothing in it is in clear.
    if (redactSecrets && secrets.count > 0 && !open.encryption) {
      const redacted = await this.redactedOriginal();
      open.bytes = undefined;
      return transfer(
        { sha256: redacted.sha256, size: redacted.bytes.length, bytes: redacted.bytes, secrets: 0, secretKeys: secrets.keys, redacted: redacted.redacted },
        [ownBuffer(redacted.bytes)],
      );
    }
    const bytes = open.bytes;
    open.bytes = undefined; // handed over once: the worker need not hold a second copy of the file
    const result = {
      sha256: open.sha256,
      size: open.doc.decoded.inputBytes,
      ...(bytes ? { bytes } : {}),
      secrets: open.encryption ? 0 : secrets.count,
      secretKeys: secrets.keys,
    };
    // Export of an untouched deflate file and the pickle views still read these bytes: then the page gets a copy.
    const stillRead = this.pickle !== undefined || open.doc.decoded.recipe.length > 1 || open.doc.decoded.text === undefined;
    return stillRead ? result : transfer(result, [ownBuffer(bytes)]);
  }

  /** The original with its flagged secrets redacted, for a history file without secrets. */
  async redactedOriginal(): Promise<Result<'redactedOriginal'>> {
    const { doc } = this.requireDocument();
    const r = await doc.redactedOriginal();
    return transfer({ sha256: r.sha256, bytes: r.bytes, redacted: r.redacted, secretKeys: doc.originalSecrets().keys }, [ownBuffer(r.bytes)]);
  }

  // ---- pickles and torch files ----

  disassembly(params: Params<'disassembly'>): Result<'disassembly'> {
    return this.requirePickle().disassembly(params);
  }

  tensors(params: Params<'tensors'>): Result<'tensors'> {
    return this.requirePickle().tensors(params, this.requireDocument().doc.program);
  }

  tensorPreview(params: Params<'tensorPreview'>): Result<'tensorPreview'> {
    return this.requirePickle().tensorPreview(params);
  }

  // ---- inside ----

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
      return {
        ok: false,
        expected: '',
        actual: '',
        message: `${sidecar.name} could not be used: ${toErrorInfo(e, 'checksum').message}`,
        sidecarName: sidecar.name,
      };
    }
  }

  private async bytesOf(source: OpenSource, onProgress: (p: Progress) => void, signal?: AbortSignal) {
    if (source.kind === 'bytes') return { bytes: new Uint8Array(source.bytes), name: source.name };
    const bytes = await readFileInChunks(source.file, (done, total) => onProgress({ stage: 'read', done, total }), signal);
    return { bytes, name: source.file.name };
  }

  private requirePickle(): PickleInspector {
    if (!this.pickle) throw new FormatError({ code: 'unsupported', layer: 'pickle', message: 'The open document is not a pickle or torch file as saved.' });
    return this.pickle;
  }

  private requireDocument(): Open {
    if (!this.opened) throw new FormatError({ code: 'invalid', layer: 'worker', message: 'No document is open in this worker.' });
    return this.opened;
  }
}
