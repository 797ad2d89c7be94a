/**
 * An export that changes a header and keeps the payload: new bytes, then ranges of the original
 * file. The page turns it into a Blob of File slices and the CLI into a stream of file reads, so a
 * file of many GB is rewritten without ever being held in memory.
 */
export type SplicePart = Uint8Array | { start: number; end: number };
export type SplicePlan = SplicePart[];

export function splicedSize(plan: SplicePlan): number {
  return plan.reduce((n, part) => n + (part instanceof Uint8Array ? part.length : part.end - part.start), 0);
}

/** Materialises a plan over bytes in memory: for tests and small files. */
export function spliceBytes(plan: SplicePlan, original: Uint8Array): Uint8Array {
  const out = new Uint8Array(splicedSize(plan));
  let at = 0;
  for (const part of plan) {
    const bytes = part instanceof Uint8Array ? part : original.subarray(part.start, part.end);
    out.set(bytes, at);
    at += bytes.length;
  }
  return out;
}
