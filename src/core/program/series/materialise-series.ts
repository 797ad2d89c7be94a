/**
 * From decoded members to checkpoints: a full program stands alone, a diff applies to the
 * checkpoint before it. A break (a file that does not decode, a diff that does not apply, a diff
 * with nothing before it) is reported at that checkpoint; the ones before it stay usable, the
 * diffs after it wait for the next full snapshot.
 */
import type { ErrorInfo } from '../../engine/errors';
import { applyDiff, DiffLinkError, isJsonPatch } from './series-diff';
import type { Checkpoint } from './series-types';
import { summariseCheckpoint } from './summarise-checkpoint';

export interface DecodedMember {
  name: string;
  order: number;
  tag?: string;
  size: number;
  modified?: number;
  recipe?: string;
  /** Absent when decoding failed (then `decodeError` says why). */
  value?: unknown;
  decodeError?: ErrorInfo;
}

function label(m: { name: string }): string {
  return m.name;
}

export function materialiseSeries(members: readonly DecodedMember[]): Checkpoint[] {
  const out: Checkpoint[] = [];
  let previous: Checkpoint | undefined;
  members.forEach((m, index) => {
    const cp: Checkpoint = {
      index,
      name: m.name,
      order: m.order,
      size: m.size,
      ...(m.tag !== undefined ? { tag: m.tag } : {}),
      ...(m.recipe !== undefined ? { recipe: m.recipe } : {}),
      ...(m.modified !== undefined ? { modified: m.modified } : {}),
    };
    out.push(cp);
    const before = previous;
    previous = cp;
    if (m.decodeError) {
      cp.error = m.decodeError;
      return;
    }
    // An empty array only reads as "no change" when there is something before it to change.
    const ops = isJsonPatch(m.value) && (m.value.length > 0 || index > 0) ? m.value : undefined;
    if (!ops) {
      cp.kind = 'full';
      cp.value = m.value;
    } else {
      cp.kind = 'diff';
      cp.opCount = ops.length;
      if (!before) {
        cp.error = { code: 'invalid', layer: 'series', message: `${label(m)} is a diff, but no checkpoint comes before it to apply it to.` };
        return;
      }
      if (before.value === undefined) {
        cp.error = { code: 'invalid', layer: 'series', message: `${label(m)} is a diff on ${label(before)}, which could not be loaded.` };
        return;
      }
      try {
        cp.value = applyDiff(before.value, ops);
      } catch (e) {
        if (!(e instanceof DiffLinkError)) throw e;
        cp.error = { ...e.toInfo(), message: `${label(m)} does not apply to ${label(before)}. ${e.message}.`, operation: e.operation };
        return;
      }
    }
    try {
      cp.summary = summariseCheckpoint(cp.value, m.name);
    } catch (e) {
      // A summary is a courtesy: a checkpoint that loads stays usable without one.
      void e;
    }
  });
  return out;
}
