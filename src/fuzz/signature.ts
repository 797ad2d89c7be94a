/**
 * What makes two findings the same bug: the family, the kind, the stage, the error's name and the
 * project frame it came from (no line numbers, no input-specific numbers), so a run reports each
 * bug once and the allow-list can name it.
 */
import type { Outcome } from './drive';

export type FindingOutcome = Extract<Outcome, { kind: 'finding' }>;

export function signatureOf(family: string, o: FindingOutcome): string {
  return `${family}:${o.finding}:${o.stage}:${o.name}:${o.frame}`;
}

/**
 * Findings already reported and being fixed elsewhere, by signature, each with where it is
 * tracked. The slice in `npm test` passes over these (and says so); anything else fails it. An
 * entry goes away when its fix lands and the slice no longer hits it.
 */
export const KNOWN: ReadonlyArray<{ signature: RegExp; issue: string }> = [];

export function knownIssue(signature: string): string | undefined {
  return KNOWN.find((k) => k.signature.test(signature))?.issue;
}
