/**
 * Module drafts of an encrypted document, sealed like its entries (sealed-entries): the text and its
 * error become one AES-256-GCM ciphertext (12-byte IV first, tag last), bound to the document and
 * module as additional data. Only which module has a draft, and when, stays in clear.
 */
import { concatBytes } from '../../core/engine/crypto/encoding';
import { WRONG_KEY_MESSAGE } from '../../core/engine/crypto/aes-gcm-raw';
import { FormatError } from '../../core/engine/errors';
import type { ModuleDraft } from '../../core/program/history/history-types';

export interface SealedDraft extends ModuleDraft {
  sealed: Uint8Array;
}

const IV_BYTES = 12;

export function isSealedDraft(draft: ModuleDraft): draft is SealedDraft {
  return (draft as Partial<SealedDraft>).sealed instanceof Uint8Array;
}

function aad(draft: ModuleDraft): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`${draft.docId}/draft/${draft.moduleId}`);
}

export async function sealDraft(draft: ModuleDraft, key: CryptoKey): Promise<SealedDraft> {
  const plain = new TextEncoder().encode(JSON.stringify({ text: draft.text, ...(draft.error !== undefined ? { error: draft.error } : {}) }));
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad(draft) }, key, plain));
  plain.fill(0);
  return { docId: draft.docId, moduleId: draft.moduleId, time: draft.time, text: '', sealed: concatBytes(iv, sealed) };
}

/** Throws 'wrong-key' when the key is not the one the draft was sealed with, or the draft was changed. */
export async function unsealDraft(draft: SealedDraft, key: CryptoKey): Promise<ModuleDraft> {
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: draft.sealed.slice(0, IV_BYTES), additionalData: aad(draft) },
      key,
      draft.sealed.slice(IV_BYTES),
    );
  } catch (cause) {
    throw new FormatError({ code: 'wrong-key', layer: 'history', message: WRONG_KEY_MESSAGE }, { cause });
  }
  const { text, error } = JSON.parse(new TextDecoder().decode(plain)) as { text: string; error?: string };
  return { docId: draft.docId, moduleId: draft.moduleId, time: draft.time, text, ...(error !== undefined ? { error } : {}) };
}
