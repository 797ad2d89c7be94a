/**
 * Keys on the page side, in memory only. The key or passphrase an encrypted document was opened with
 * stays in its worker (document-secrets); the page holds just the non-extractable AES-GCM key the
 * history seals that document's entries with, by document id (SHA-256 of the encrypted bytes). A
 * CryptoKey made non-extractable cannot be read back, serialised or stored by accident. Keys are
 * dropped when their document is closed, and a reload forgets them all: the key is asked for again.
 */
import type { Recipe } from '../core/engine/layers/recipe';
import { isEncryptionLayer } from '../core/engine/layers/registry';
import type { DocumentClient } from '../worker/document-client';

const historyKeys = new Map<string, Promise<CryptoKey | undefined>>();
/** Documents known to be encrypted: their entries are never written in clear, key or no key. */
const encrypted = new Set<string>();

export function isEncryptedRecipe(recipe: Recipe): boolean {
  return recipe.some((s) => isEncryptionLayer(s.layer));
}

export function markEncrypted(docId: string): void {
  encrypted.add(docId);
}

export function isEncrypted(docId: string): boolean {
  return encrypted.has(docId);
}

/** Asks the document's worker for its history key once; later calls share the answer. */
export function loadHistoryKey(client: DocumentClient, docId: string): Promise<CryptoKey | undefined> {
  let key = historyKeys.get(docId);
  if (!key) {
    key = client.call('historyKey', {}).then((r) => r.key);
    historyKeys.set(docId, key);
    // A failed request is not remembered: the next open may succeed.
    key.catch(() => historyKeys.delete(docId));
  }
  return key;
}

/** The key if it is loaded, for sealing and unsealing entries. */
export async function historyKeyOf(docId: string): Promise<CryptoKey | undefined> {
  return historyKeys.get(docId)?.catch(() => undefined);
}

/** The document was closed: its entries stay sealed in storage, and can no longer be read here. */
export function forgetHistoryKey(docId: string): void {
  historyKeys.delete(docId);
}

/** For tests. */
export function forgetAllKeys(): void {
  historyKeys.clear();
  encrypted.clear();
}
