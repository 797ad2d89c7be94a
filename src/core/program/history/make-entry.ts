/**
 * Building an entry, and what it costs to store: both here so the size measured in tests is the size
 * of what the store writes.
 */
import type { Operation } from '../model/program';
import { entryId } from './entry-id';
import type { EntryKind, HistoryEntry } from './history-types';

export interface EntryInput {
  docId: string;
  parent: string | null;
  kind: EntryKind;
  label: string;
  ops: readonly Operation[];
  tab: string;
  time: number;
  counter: number;
}

export function makeEntry(input: EntryInput): HistoryEntry {
  return {
    id: entryId(input.time, input.tab, input.counter),
    docId: input.docId,
    parent: input.parent,
    time: input.time,
    kind: input.kind,
    label: input.label,
    // Only the forward ops: versions are replayed from the original, so inverses are not stored.
    ops: input.ops.map((op) => ({ ...op })),
    tab: input.tab,
  };
}

/** Bytes of an entry as JSON text (UTF-8), a close stand-in for IndexedDB's structured-clone size. */
export function entryBytes(entry: HistoryEntry): number {
  const text = JSON.stringify(entry, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? Array.from(v) : v));
  return new TextEncoder().encode(text).length;
}
