/**
 * History entries of an encrypted document, sealed: the label, the patch and the version's name
 * become one AES-256-GCM ciphertext (12-byte IV first, tag last), bound to the entry's document and
 * id as additional data so a sealed patch cannot be moved to another entry. What stays in clear is
 * what the timeline's shape needs: id, document, parent, time, kind and tab.
 */
import { concatBytes, fromBase64, toBase64 } from '../../core/engine/crypto/encoding';
import { WRONG_KEY_MESSAGE } from '../../core/engine/crypto/aes-gcm-raw';
import { FormatError } from '../../core/engine/errors';
import type { HistoryEntry } from '../../core/program/history/history-types';
import type { Operation } from '../../core/program/model/program';

export interface SealedEntry extends HistoryEntry {
  sealed: Uint8Array;
}

export const SEALED_LABEL = 'Encrypted edit (enter the key to read it)';
const IV_BYTES = 12;
const TAG = '$program-studio';

interface Payload {
  label: string;
  ops: Operation[];
  name?: string;
}

export function isSealed(entry: HistoryEntry): entry is SealedEntry {
  return (entry as Partial<SealedEntry>).sealed instanceof Uint8Array;
}

function aad(entry: HistoryEntry): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`${entry.docId}/${entry.id}`);
}

function toJson(payload: Payload): string {
  return JSON.stringify(payload, (_k, v: unknown) => {
    if (typeof v === 'bigint') return { [TAG]: 'bigint', value: v.toString() };
    if (v instanceof Uint8Array) return { [TAG]: 'bytes', value: toBase64(v) };
    return v;
  });
}

function fromJson(text: string): Payload {
  return JSON.parse(text, (_k, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const o = v as Record<string, unknown>;
    if (typeof o[TAG] !== 'string' || typeof o.value !== 'string' || Object.keys(o).length !== 2) return v;
    if (o[TAG] === 'bigint') return BigInt(o.value);
    if (o[TAG] === 'bytes') return fromBase64(o.value) ?? v;
    return v;
  }) as Payload;
}

export async function sealEntry(entry: HistoryEntry, key: CryptoKey): Promise<SealedEntry> {
  const payload: Payload = { label: entry.label, ops: entry.ops, ...(entry.name !== undefined ? { name: entry.name } : {}) };
  const plain = new TextEncoder().encode(toJson(payload));
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad(entry) }, key, plain));
  plain.fill(0);
  const { name: _name, ...rest } = entry;
  return { ...rest, label: SEALED_LABEL, ops: [], sealed: concatBytes(iv, sealed) };
}

/** Throws 'wrong-key' when the key is not the one the entry was sealed with, or the entry was changed. */
export async function unsealEntry(entry: SealedEntry, key: CryptoKey): Promise<HistoryEntry> {
  let plain: ArrayBuffer;
  try {
    const iv = entry.sealed.slice(0, IV_BYTES);
    plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: aad(entry) }, key, entry.sealed.slice(IV_BYTES));
  } catch (cause) {
    throw new FormatError({ code: 'wrong-key', layer: 'history', message: WRONG_KEY_MESSAGE }, { cause });
  }
  const payload = fromJson(new TextDecoder().decode(plain));
  const { sealed: _sealed, ...rest } = entry;
  return { ...rest, label: payload.label, ops: payload.ops, ...(payload.name !== undefined ? { name: payload.name } : {}) };
}
