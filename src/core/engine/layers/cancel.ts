import { FormatError } from '../errors.ts';

/** Throws the typed 'cancelled' error when the user has stopped the operation. */
export function throwIfAborted(signal: AbortSignal | undefined, layer: string): void {
  if (signal?.aborted) throw new FormatError({ code: 'cancelled', layer, message: 'Cancelled.' });
}
