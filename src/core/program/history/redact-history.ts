/**
 * History without secrets: the same detection as export (core/model/secrets) applied to what the
 * history stores and hands out. An entry's ops carry values (a replaced module, an edited field),
 * so a key typed into a field would sit in the history in clear even with a redacted original:
 * `redactOps` takes it out. `historySecrets` is the condition of the warning before a history
 * export; `redactBundle` is the file the warning offers instead.
 */
import { parsePointer } from '../../engine/json-pointer';
import { applyWithInverse } from '../model/patch';
import type { Operation } from '../model/program';
import { REDACTED, findSecrets, isSecretKey, isSecretValue } from '../model/secrets';
import type { HistoryBundle } from './history-file';
import type { DocumentRecord, HistoryEntry } from './history-types';

export interface RedactedOps {
  ops: Operation[];
  /** How many values were replaced. */
  redacted: number;
  keys: string[];
}

/** The ops with every flagged secret they carry replaced by "[REDACTED]"; unchanged ops are the same objects. */
export function redactOps(ops: readonly Operation[]): RedactedOps {
  let redacted = 0;
  const keys = new Set<string>();
  const out = ops.map((op): Operation => {
    if (!('value' in op)) return op;
    const last = parsePointer(op.path).at(-1);
    if (last !== undefined && isSecretKey(last) && isSecretValue(op.value)) {
      redacted++;
      keys.add(last);
      return { ...op, value: REDACTED } as Operation;
    }
    const found = findSecrets(op.value);
    if (found.length === 0) return op;
    redacted += found.length;
    for (const f of found) keys.add(f.key);
    const value = applyWithInverse(
      op.value,
      found.map((f) => ({ op: 'replace', path: f.pointer, value: REDACTED })),
    ).value;
    return { ...op, value } as Operation;
  });
  return { ops: out, redacted, keys: [...keys] };
}

export interface HistorySecrets {
  /** Secrets in the original as stored; undefined when the record does not say (it was stored before they were counted). */
  original: number | undefined;
  /** Secrets carried by the entries' ops. */
  entries: number;
  keys: string[];
}

/** What a history file made from these would carry in clear. */
export function historySecrets(document: DocumentRecord, entries: readonly HistoryEntry[], originalKeys: readonly string[] = []): HistorySecrets {
  const keys = new Set([...(document.hasOriginal && document.secrets ? (document.secretKeys ?? []) : []), ...originalKeys]);
  let inEntries = 0;
  for (const e of entries) {
    const r = redactOps(e.ops);
    inEntries += r.redacted;
    for (const k of r.keys) keys.add(k);
  }
  const original = document.hasOriginal ? document.secrets : 0;
  return { original, entries: inEntries, keys: [...keys] };
}

/** The warning before a history export: something flagged would leave in clear, or the app cannot tell. */
export function historyExportNeedsWarning(secrets: HistorySecrets): boolean {
  return secrets.original === undefined || secrets.original > 0 || secrets.entries > 0;
}

/**
 * The history file without secrets: the redacted original (its own SHA-256, so the file names it by
 * that) and every entry's ops redacted. Without an original (dropped to free space) only the ops change.
 */
export function redactBundle(bundle: HistoryBundle, original?: { bytes: Uint8Array; sha256: string; redacted: number }): HistoryBundle {
  const id = original?.sha256 ?? bundle.document.id;
  const document: DocumentRecord = {
    ...bundle.document,
    id,
    ...(original ? { size: original.bytes.length, secrets: 0, secretKeys: [], redacted: (bundle.document.redacted ?? 0) + original.redacted } : {}),
  };
  const entries = bundle.entries.map((e) => ({ ...e, docId: id, ops: redactOps(e.ops).ops }));
  const bytes = original?.bytes ?? bundle.original;
  return { document, ...(bytes ? { original: bytes } : {}), entries };
}
