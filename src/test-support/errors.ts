/** The FormatError a call throws; anything else it throws, or no throw at all, fails the test. */
import { FormatError } from '../core/engine/errors';

export function errorOf(f: () => unknown): FormatError {
  try {
    f();
  } catch (e) {
    if (e instanceof FormatError) return e;
    throw e;
  }
  throw new Error('expected a FormatError');
}

/** The FormatError a promise rejects with; a resolve, or any other rejection, fails the test. */
export async function rejection(p: Promise<unknown>): Promise<FormatError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof FormatError) return e;
    throw e;
  }
  throw new Error('expected a FormatError');
}
