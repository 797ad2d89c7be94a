/**
 * The worker's side of opening a DSPy program that lives in a pickle: the files as read, handed to
 * the core's recovery, and the recovered state decoded like any state JSON. A recovery that fails
 * leaves the open as it was: the pickle is still shown with its safety report.
 */
import { decodeBytes, type DecodedDocument } from '../core/engine/pipeline/decode';
import { recoverOpen } from '../core/program/formats/dspy/pickled/recover-open';
import type { RecoveredFacts } from '../core/program/formats/dspy/pickled/recovered-facts';
import type { CompanionSummary } from './protocol';

export interface ReadCompanion {
  name: string;
  bytes?: Uint8Array;
  decoded?: DecodedDocument;
  summary: CompanionSummary;
}

export function companionSummary(name: string, size: number, decoded: DecodedDocument): CompanionSummary {
  const safety = decoded.recipe.find((s) => s.layer === 'pickle')?.options.safety as CompanionSummary['safety'];
  return { name, size, recipe: decoded.recipe, warnings: decoded.warnings, ...(safety ? { safety } : {}) };
}

const isPlainPickle = (d: DecodedDocument | undefined): boolean =>
  d?.recipe.length === 1 && d.recipe[0]?.layer === 'pickle' && d.recipe[0].options.container === 'pickle';

export async function openRecovered(
  main: { name: string; bytes: Uint8Array; decoded: DecodedDocument },
  companions: readonly ReadCompanion[],
  signal?: AbortSignal,
): Promise<{ decoded: DecodedDocument; name: string; facts: RecoveredFacts; pickleSummary?: CompanionSummary } | undefined> {
  const mainPickle = isPlainPickle(main.decoded);
  const candidates = companions
    .filter((c) => c.bytes !== undefined)
    .map((c) => ({ name: c.name, bytes: c.bytes as Uint8Array, value: c.decoded?.value, isPickle: isPlainPickle(c.decoded) }));
  if (!mainPickle && !candidates.some((c) => c.isPickle)) return undefined;
  let found;
  try {
    found = recoverOpen({ name: main.name, bytes: main.bytes, value: main.decoded.value, isPickle: mainPickle }, candidates);
  } catch {
    return undefined; // a pickle that does not read as a program is still shown as itself
  }
  if (!found) return undefined;
  const decoded = await decodeBytes(new TextEncoder().encode(found.text), { name: found.name, ...(signal ? { signal } : {}) });
  return {
    decoded,
    name: found.name,
    facts: found.facts,
    ...(mainPickle ? { pickleSummary: companionSummary(main.name, main.bytes.length, main.decoded) } : {}),
  };
}
