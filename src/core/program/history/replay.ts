/**
 * Versions are computed, never stored: a version's value is the original with the ops of every entry
 * on its line (root `open` to the entry) applied in order. Path copying (core/model/patch) makes a
 * replay cost the touched paths, not copies of the program.
 */
import { FormatError } from '../../engine/errors';
import { applyWithInverse } from '../model/patch';
import type { Operation } from '../model/program';
import type { HistoryEntry } from './history-types';

function fail(message: string): never {
  throw new FormatError({ code: 'invalid', layer: 'history', message });
}

/** The entries from the root `open` down to `id`, in the order they were applied. */
export function lineTo(entries: ReadonlyMap<string, HistoryEntry>, id: string): HistoryEntry[] {
  const line: HistoryEntry[] = [];
  let cur = entries.get(id);
  if (!cur) fail(`Version ${id} is not in this history.`);
  const seen = new Set<string>();
  while (cur) {
    if (seen.has(cur.id)) fail(`The history has a cycle at ${cur.id}.`);
    seen.add(cur.id);
    line.push(cur);
    if (cur.parent === null) break;
    const parent = entries.get(cur.parent);
    if (!parent) fail(`Version ${cur.id} was made from ${cur.parent}, which is not in this history.`);
    cur = parent;
  }
  return line.reverse();
}

/** All ops that turn the original into version `id`. */
export function opsTo(entries: ReadonlyMap<string, HistoryEntry>, id: string): Operation[] {
  return lineTo(entries, id).flatMap((e) => e.ops);
}

/** The value of version `id`; the original is not touched. */
export function replayTo(original: unknown, entries: ReadonlyMap<string, HistoryEntry>, id: string): unknown {
  return applyWithInverse(original, opsTo(entries, id)).value;
}

export function byId(entries: readonly HistoryEntry[]): Map<string, HistoryEntry> {
  return new Map(entries.map((e) => [e.id, e]));
}

/** Oldest first; ids sort by time, then tab, then counter. */
export function chronological(entries: readonly HistoryEntry[]): HistoryEntry[] {
  return [...entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
