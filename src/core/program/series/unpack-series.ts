/**
 * Files back to series members: a zip written by packSeries (or any zip of members) is opened
 * with a cap on what it may inflate to; loose files are ordered by their names.
 */
import { unzipSync } from 'fflate';
import { FormatError } from '../../engine/errors';
import { withLimits, type Limits } from '../../engine/limits';
import { parseSeriesName } from '../files/classify-drop';
import { nameMembers } from './series-names';
import type { SeriesMemberInput } from './series-types';

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * True for a zip whose every file is named like a series member (`run.v2.best`). A torch save is
 * a zip too (`archive/data.pkl`), and stays one file for the format engine.
 */
export function isSeriesZip(bytes: Uint8Array): boolean {
  if (!isZip(bytes)) return false;
  const names: string[] = [];
  try {
    unzipSync(bytes, {
      filter: (f) => {
        if (!f.name.endsWith('/')) names.push(f.name.slice(f.name.lastIndexOf('/') + 1));
        return false;
      },
    });
  } catch {
    return false;
  }
  return names.length > 0 && names.every((n) => parseSeriesName(n) !== undefined);
}

export function unzipMembers(bytes: Uint8Array, limits?: Partial<Limits>): Array<{ name: string; bytes: Uint8Array }> {
  const cap = withLimits(limits).maxOutputBytes;
  let total = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (f) => {
        total += f.originalSize;
        if (total > cap)
          throw new FormatError({ code: 'limit', layer: 'zip', message: `The zip would inflate to more than ${cap.toLocaleString('en-US')} bytes.` });
        return !f.name.endsWith('/');
      },
    });
  } catch (e) {
    if (e instanceof FormatError) throw e;
    throw new FormatError({ code: 'corrupt', layer: 'zip', message: `The zip could not be read: ${(e as Error)?.message ?? String(e)}` }, { cause: e });
  }
  return Object.entries(entries).map(([name, b]) => ({ name: name.slice(name.lastIndexOf('/') + 1), bytes: b }));
}

/** Members from files given together; a zip of members among them is opened in place. */
export function seriesMembers(
  files: ReadonlyArray<{ name: string; bytes: Uint8Array }>,
  limits?: Partial<Limits>,
): { base: string; members: SeriesMemberInput[] } {
  const flat = files.flatMap((f) => (isSeriesZip(f.bytes) ? unzipMembers(f.bytes, limits) : [f]));
  const named = nameMembers(flat.map((f) => f.name));
  const byName = new Map(flat.map((f) => [f.name, f.bytes]));
  const members = named.map((n): SeriesMemberInput => ({
    name: n.name,
    bytes: byName.get(n.name)!,
    order: n.order,
    ...(n.tag !== undefined ? { tag: n.tag } : {}),
  }));
  const counts = new Map<string, number>();
  for (const n of named) counts.set(n.base, (counts.get(n.base) ?? 0) + 1);
  const base = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'series';
  return { base, members };
}
