/**
 * Key material lives only inside a KeyHandle, as a non-extractable CryptoKey in a private field:
 * JSON.stringify, structuredClone, IndexedDB and console output see only the handle's public,
 * key-free description. What may be stored is the `KeyReference` ("the key from DESIRU_KEY"),
 * so a reopened document can ask for the same key again.
 */
import { FormatError } from '../errors.ts';
import { DEFAULT_RAW_LAYOUT, decryptRaw, decryptRawAnyLayout, encryptRaw, importAesKey, type RawLayout } from './aes-gcm-raw.ts';
import {
  DEFAULT_ITERATIONS,
  decryptWithPassphrase,
  encryptWithPassphrase,
  importPassphrase,
  readContainerHeader,
  type DecryptPassphraseOptions,
} from './container.ts';
import { parseKey } from './parse-key.ts';

export type SecretKind = 'raw-key' | 'passphrase';

/** Where a secret came from: names only, never content. */
export type KeySource = { from: 'file'; name: string } | { from: 'env'; name: string } | { from: 'typed' };

/** How a file was sealed; plain data, safe to store beside the encrypted original. */
export type EncryptionRecipe = { scheme: 'raw'; layout: RawLayout } | { scheme: 'container'; kdf: 'pbkdf2-sha256'; iterations: number };

/** The storable face of a handle. */
export interface KeyReference {
  id: string;
  kind: SecretKind;
  source: KeySource;
  label: string;
}

export function describeKeySource(source: KeySource, kind: SecretKind = 'raw-key'): string {
  const what = kind === 'raw-key' ? 'key' : 'passphrase';
  switch (source.from) {
    case 'file':
      return `${what} from the file ${source.name}`;
    case 'env':
      return `${what} from the environment variable ${source.name}`;
    case 'typed':
      return `${what} typed in`;
  }
}

function newId(): string {
  return globalThis.crypto.randomUUID();
}

export class KeyHandle {
  readonly id: string;
  readonly kind: SecretKind;
  readonly source: KeySource;
  #key: CryptoKey | undefined;

  private constructor(kind: SecretKind, source: KeySource, key: CryptoKey) {
    this.id = newId();
    this.kind = kind;
    this.source = source;
    this.#key = key;
  }

  /** From 32 key bytes. The caller's array is left as it is; wipe it if you own it. */
  static async fromRawKey(bytes: Uint8Array, source: KeySource): Promise<KeyHandle> {
    return new KeyHandle('raw-key', source, await importAesKey(bytes));
  }

  /** From key text or key-file bytes (see parseKey); the parsed copy is wiped after import. */
  static async fromKeyText(input: string | Uint8Array, source: KeySource): Promise<KeyHandle> {
    const bytes = parseKey(input);
    try {
      return await KeyHandle.fromRawKey(bytes, source);
    } finally {
      bytes.fill(0);
    }
  }

  static async fromPassphrase(passphrase: string, source: KeySource): Promise<KeyHandle> {
    return new KeyHandle('passphrase', source, await importPassphrase(passphrase));
  }

  get reference(): KeyReference {
    return { id: this.id, kind: this.kind, source: { ...this.source }, label: describeKeySource(this.source, this.kind) };
  }

  get dropped(): boolean {
    return this.#key === undefined;
  }

  /** Forget the key; later use asks for it again. */
  drop(): void {
    this.#key = undefined;
  }

  toJSON(): KeyReference {
    return this.reference;
  }

  toString(): string {
    return this.reference.label;
  }

  #require(): CryptoKey {
    if (!this.#key) {
      throw new FormatError({ code: 'needs-key', layer: 'key', message: `The ${describeKeySource(this.source, this.kind)} was closed: enter it again` });
    }
    return this.#key;
  }

  /**
   * Decrypt a raw-key file (trying both layouts unless one is given) or a container (passphrase).
   * Returns the recipe so the document can be sealed again the same way.
   */
  async open(bytes: Uint8Array, opts: { layout?: RawLayout } & DecryptPassphraseOptions = {}): Promise<{ plain: Uint8Array; recipe: EncryptionRecipe }> {
    const key = this.#require();
    if (this.kind === 'passphrase') {
      const header = readContainerHeader(bytes, opts);
      const plain = await decryptWithPassphrase(bytes, key, opts);
      return { plain, recipe: { scheme: 'container', kdf: header.kdf, iterations: header.iterations } };
    }
    if (opts.layout) return { plain: await decryptRaw(bytes, key, opts.layout), recipe: { scheme: 'raw', layout: opts.layout } };
    const { plain, layout } = await decryptRawAnyLayout(bytes, key);
    return { plain, recipe: { scheme: 'raw', layout } };
  }

  /** Encrypt with this secret; a container never gets fewer than the default iterations. */
  async seal(plain: Uint8Array, recipe?: EncryptionRecipe): Promise<Uint8Array> {
    const key = this.#require();
    if (this.kind === 'passphrase') {
      const wanted = recipe?.scheme === 'container' ? recipe.iterations : DEFAULT_ITERATIONS;
      return encryptWithPassphrase(plain, key, { iterations: Math.max(wanted, DEFAULT_ITERATIONS) });
    }
    return encryptRaw(plain, key, recipe?.scheme === 'raw' ? recipe.layout : DEFAULT_RAW_LAYOUT);
  }
}

/** The secrets of open documents, by document id; closing a document drops its key. */
export class KeyRing {
  #handles = new Map<string, KeyHandle>();

  set(documentId: string, handle: KeyHandle): void {
    const previous = this.#handles.get(documentId);
    if (previous && previous !== handle) previous.drop();
    this.#handles.set(documentId, handle);
  }

  get(documentId: string): KeyHandle | undefined {
    return this.#handles.get(documentId);
  }

  has(documentId: string): boolean {
    return this.#handles.has(documentId);
  }

  /** What may be stored: references only. */
  references(): Array<{ documentId: string; key: KeyReference }> {
    return [...this.#handles].map(([documentId, h]) => ({ documentId, key: h.reference }));
  }

  drop(documentId: string): void {
    this.#handles.get(documentId)?.drop();
    this.#handles.delete(documentId);
  }

  clear(): void {
    for (const h of this.#handles.values()) h.drop();
    this.#handles.clear();
  }

  get size(): number {
    return this.#handles.size;
  }

  toJSON(): Array<{ documentId: string; key: KeyReference }> {
    return this.references();
  }
}
