/**
 * The DSPy program inside a whole-program pickle, recovered for the command line as the page does it:
 * read inertly (never run), with the `metadata.json` (or an MLflow `MLmodel`) found beside it, into the
 * state JSON `program.save("x.json")` would write.
 */
import type { DecodedDocument } from '../core/engine/pipeline/decode.ts';
import { recoverOpen, type OpenedFile, type RecoveredOpen } from '../core/program/formats/dspy/pickled/recover-open.ts';
import type { CliIo } from './cli-io.ts';

const isPlainPickle = (d: DecodedDocument): boolean => d.recipe.length === 1 && d.recipe[0]?.layer === 'pickle' && d.recipe[0].options.container === 'pickle';

async function companion(io: CliIo, path: string): Promise<OpenedFile | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(path);
  } catch {
    return undefined; // not there: the pickle is recovered without it, and the notes say what that costs
  }
  let value: unknown;
  if (path.endsWith('.json')) {
    try {
      value = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      value = undefined;
    }
  }
  return { name: path, bytes, ...(value !== undefined ? { value } : {}) };
}

/** The recovered program of `file` (a plain pickle), or undefined when it does not hold a DSPy program. */
export async function recoverBeside(io: CliIo, file: string, bytes: Uint8Array, decoded: DecodedDocument): Promise<RecoveredOpen | undefined> {
  if (!isPlainPickle(decoded)) return undefined;
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
  const parent = dir === '' ? '../' : dir.replace(/[^/]*\/$/, '') || './';
  // A whole-program folder keeps metadata.json beside program.pkl; MLflow keeps MLmodel above data/model.pkl.
  const found = await Promise.all([companion(io, `${dir}metadata.json`), companion(io, `${dir}MLmodel`), companion(io, `${parent}MLmodel`)]);
  const companions = found.filter((c): c is OpenedFile => c !== undefined);
  try {
    return recoverOpen({ name: file, bytes, value: decoded.value, isPickle: true }, companions);
  } catch {
    return undefined; // a pickle that does not read as a program is still reported as itself
  }
}
