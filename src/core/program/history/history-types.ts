/**
 * The history of a document, as stored: the original bytes once (keyed by their SHA-256) and a tree
 * of small entries. Each entry names the version it was made on top of (`parent`), so two tabs on
 * the same document, a resumed session or a restore each extend their own line and never rewrite
 * another's. An entry carries only its JSON Patch (RFC 6902), never a copy of the program.
 */
import type { Recipe } from '../../engine/layers/recipe';
import type { Operation } from '../model/program';

/**
 * open: the file as opened (state = the original; parent null).
 * edit / undo / redo / restore / migration / import: ops applied on top of the parent.
 * export: a marker; the state is the parent's.
 */
export type EntryKind = 'open' | 'edit' | 'undo' | 'redo' | 'restore' | 'migration' | 'import' | 'export';

export interface HistoryEntry {
  /** Unique and sortable by time: `<time base36>-<tab>-<counter>`. */
  id: string;
  /** SHA-256 (hex) of the original bytes. */
  docId: string;
  /** The version this one was made from; null for an `open`. */
  parent: string | null;
  /** Milliseconds since the epoch. */
  time: number;
  kind: EntryKind;
  /** What happened, for people ("Edit answer of demo 3 of generate_answer.predict"). */
  label: string;
  ops: Operation[];
  /** Which page (tab) wrote it. */
  tab: string;
  /** A name the user gave this version. */
  name?: string;
}

export interface DocumentRecord {
  /** SHA-256 (hex) of the original bytes. */
  id: string;
  name: string;
  size: number;
  recipe: Recipe;
  firstOpened: number;
  lastOpened: number;
  /** False once the original bytes were dropped to free space (the patches are kept). */
  hasOriginal: boolean;
  /** Flagged secrets (api_key, token…) the stored original holds in clear; absent when not counted (older records). */
  secrets?: number;
  /** Their key names (api_key, token…), for the warning before an export. */
  secretKeys?: string[];
  /** How many secrets were replaced by "[REDACTED]" before the original was stored ("keep history without secrets"). */
  redacted?: number;
}

/**
 * Text typed into a module's JSON view that was not applied (it does not parse, or breaks the
 * module's schema): kept per document and module until the user fixes it or discards it on purpose.
 */
export interface ModuleDraft {
  /** SHA-256 (hex) of the document's original bytes, as for entries. */
  docId: string;
  moduleId: string;
  text: string;
  /** Why it was not applied (where and what); absent while not checked yet. */
  error?: string;
  time: number;
}

/** Entry kinds that leave the state as their parent's. */
export function isMarker(kind: EntryKind): boolean {
  return kind === 'export';
}
