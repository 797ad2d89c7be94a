/**
 * The open document's key or passphrase, held in the worker's memory for that document only: the
 * layers need it to export the document encrypted, and the history needs a key to seal its entries.
 * Nothing here is ever posted back to the page except a non-extractable CryptoKey (whose bytes no
 * code can read) and descriptions without secrets. The worker dies with the document, and the
 * secret with it.
 */
import { DEFAULT_RAW_LAYOUT, RAW_LAYER_ID, WRONG_KEY_MESSAGE, importAesKey, type RawLayout } from '../core/engine/crypto/aes-gcm-raw';
import { CONTAINER_LAYER_ID, DEFAULT_ITERATIONS, importPassphrase } from '../core/engine/crypto/container';
import { asBufferSource } from '../core/engine/crypto/encoding';
import { describeKeySource, type KeySource } from '../core/engine/crypto/key-handle';
import { parseKey } from '../core/engine/crypto/parse-key';
import { FormatError } from '../core/engine/errors';
import type { ExportEncryption } from '../core/program/export/export-options';
import type { LayerContext } from '../core/engine/layers/layer';
import type { Recipe } from '../core/engine/layers/recipe';
import type { EncryptionFacts, ExportEncryptionRequest, OpenCredentials } from './protocol';

type LayerCredentials = NonNullable<LayerContext['credentials']>;

export const RAW_LAYER = RAW_LAYER_ID;
export const CONTAINER_LAYER = CONTAINER_LAYER_ID;
/** Domain separation: the history key of a passphrase document is not the key of any container. */
const HISTORY_SALT_LABEL = 'program-studio/history-key/v1:';

/** Errors a key prompt can answer: the open is kept so it can be tried again with a key. */
export function isKeyError(e: unknown): boolean {
  return e instanceof FormatError && (e.code === 'maybe-encrypted' || e.code === 'needs-key' || e.code === 'wrong-key');
}

export class DocumentSecrets {
  #credentials: LayerCredentials;
  #historyKey: Promise<CryptoKey> | undefined;
  readonly layout: RawLayout | undefined;
  readonly source: KeySource;

  private constructor(credentials: LayerCredentials, layout: RawLayout | undefined, source: KeySource) {
    this.#credentials = credentials;
    this.layout = layout;
    this.source = source;
  }

  /** Parses the key (an 'invalid' error names its size, never its content). */
  static from(input: OpenCredentials): DocumentSecrets {
    const source = input.source ?? { from: 'typed' };
    if (input.key !== undefined) return new DocumentSecrets({ key: parseKey(input.key) }, input.layout, source);
    if (input.passphrase !== undefined && input.passphrase !== '') return new DocumentSecrets({ passphrase: input.passphrase }, undefined, source);
    throw new FormatError({ code: 'invalid', layer: 'key', message: 'Enter a key or a passphrase' });
  }

  get credentials(): LayerCredentials {
    return this.#credentials;
  }

  get kind(): 'raw-key' | 'passphrase' {
    return this.#credentials.key ? 'raw-key' : 'passphrase';
  }

  /**
   * What the decoded recipe says about the encryption, or undefined when the file was not encrypted
   * (a key dropped beside a plain file). A layout the user insisted on must be the one that worked.
   */
  factsFor(recipe: Recipe): EncryptionFacts | undefined {
    const step = recipe.find((s) => s.layer === RAW_LAYER || s.layer === CONTAINER_LAYER);
    if (!step) return undefined;
    const keyLabel = describeKeySource(this.source, this.kind);
    if (step.layer === RAW_LAYER) {
      const layout = step.options.layout as RawLayout | undefined;
      if (this.layout && layout !== this.layout) throw new FormatError({ code: 'wrong-key', layer: RAW_LAYER, message: WRONG_KEY_MESSAGE });
      return { scheme: 'raw', ...(layout ? { layout } : {}), keyLabel };
    }
    const iterations = step.options.iterations;
    return { scheme: 'container', kdf: 'PBKDF2-SHA-256', ...(typeof iterations === 'number' ? { iterations } : {}), keyLabel };
  }

  /** The export hook's encryption, with this document's secret or a new one. */
  exportEncryption(request: ExportEncryptionRequest): ExportEncryption {
    return exportEncryption(request, this);
  }

  /**
   * The key history entries are sealed with: the raw key itself (AES-GCM), or for a passphrase a key
   * derived once per document (PBKDF2-SHA-256, 600,000 iterations, salt from the document's SHA-256),
   * so each entry costs one AES-GCM call and not one PBKDF2 run. Non-extractable either way.
   */
  historyKey(docSha256: string): Promise<CryptoKey> {
    this.#historyKey ??= (async () => {
      if (this.#credentials.key) return importAesKey(this.#credentials.key);
      const base = await importPassphrase(this.#credentials.passphrase ?? '');
      const salt = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(HISTORY_SALT_LABEL + docSha256))).slice(0, 16);
      return crypto.subtle.deriveKey(
        { name: 'PBKDF2', hash: 'SHA-256', salt: asBufferSource(salt), iterations: DEFAULT_ITERATIONS },
        base,
        { name: 'AES-GCM', length: 256 },
        false,
        ['encrypt', 'decrypt'],
      );
    })();
    return this.#historyKey;
  }

  /** Never in a message, a log or a clone by accident. */
  toJSON(): { kind: string; source: KeySource } {
    return { kind: this.kind, source: this.source };
  }
}

/** Turns the export dialog's choice into the export hook; 'document' needs the open document's secret of that kind. */
export function exportEncryption(request: ExportEncryptionRequest, secrets: DocumentSecrets | undefined): ExportEncryption {
  if (request.scheme === 'raw') {
    let key: Uint8Array;
    if (request.key === 'document') {
      const own = secrets?.credentials.key;
      if (!own) throw new FormatError({ code: 'needs-key', layer: RAW_LAYER, message: 'This document was not opened with a key: enter one for the export' });
      key = own;
    } else key = parseKey(request.key);
    return { layer: RAW_LAYER, options: { layout: request.layout ?? DEFAULT_RAW_LAYOUT }, credentials: { key } };
  }
  let passphrase: string;
  if (request.passphrase === 'document') {
    const own = secrets?.credentials.passphrase;
    if (!own)
      throw new FormatError({ code: 'needs-key', layer: CONTAINER_LAYER, message: 'This document was not opened with a passphrase: enter one for the export' });
    passphrase = own;
  } else passphrase = request.passphrase;
  if (passphrase === '') throw new FormatError({ code: 'invalid', layer: CONTAINER_LAYER, message: 'The passphrase is empty' });
  return { layer: CONTAINER_LAYER, options: { kdf: 'pbkdf2-sha256', iterations: DEFAULT_ITERATIONS }, credentials: { passphrase } };
}
