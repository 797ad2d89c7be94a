/**
 * A metadata edit in progress, as typed: new values for existing keys, keys marked for removal and
 * keys being added. The draft keeps every keystroke (a removed key keeps its typed value, a blank
 * new row stays); the changes sent to the worker are derived from it, each tagged with the row it
 * came from so an error is shown where it was typed.
 */
import type { MetadataRow } from '../core/engine/weights/weights-file';
import type { MetadataChange } from '../worker/weights-host';

export interface AddedKey {
  id: number;
  key: string;
  value: string;
}

export interface MetadataDraft {
  /** Existing keys given a new value. */
  values: Record<string, string>;
  removed: string[];
  added: AddedKey[];
}

/** Where a change came from: an existing row (by key) or an added row (by id). */
export type ChangeSource = { row: string } | { added: number };

export const EMPTY_DRAFT: MetadataDraft = { values: {}, removed: [], added: [] };

export function draftChanges(rows: readonly MetadataRow[], draft: MetadataDraft): Array<{ change: MetadataChange; source: ChangeSource }> {
  const out: Array<{ change: MetadataChange; source: ChangeSource }> = [];
  for (const row of rows) {
    if (draft.removed.includes(row.key)) out.push({ change: { key: row.key, remove: true }, source: { row: row.key } });
    else if (row.key in draft.values && draft.values[row.key] !== row.text)
      out.push({ change: { key: row.key, value: draft.values[row.key] ?? '' }, source: { row: row.key } });
  }
  for (const a of draft.added) {
    // A row with nothing typed in it is not a change yet; one with a value and no key is, and is refused with a reason.
    if (a.key === '' && a.value === '') continue;
    out.push({ change: { key: a.key, value: a.value }, source: { added: a.id } });
  }
  return out;
}

export function sourceKey(source: ChangeSource): string {
  return 'row' in source ? `row:${source.row}` : `added:${source.added}`;
}
