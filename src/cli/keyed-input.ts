/**
 * Reading an input that may be encrypted: the key options (`--key-file`, `--key-env`,
 * `--passphrase-file`, `--passphrase-env`) taken out of a command's arguments, the secret read into
 * the credentials the decoding layers take, and, for commands that write the input's recipe back,
 * the same encryption for the output.
 */
import { FormatError } from '../core/engine/errors.ts';
import { parseKey } from '../core/engine/crypto/parse-key.ts';
import type { LayerContext } from '../core/engine/layers/layer.ts';
import type { Recipe } from '../core/engine/layers/recipe.ts';
import type { ExportEncryption } from '../core/program/export/export-options.ts';
import { parseKeyOptions, resolveSecret, type SecretIo, type SecretOption } from './key-options.ts';

export type Credentials = NonNullable<LayerContext['credentials']>;

const ENCRYPTION_LAYERS = new Set(['aes-gcm', 'psenc']);

/** The raw secret an option points at, checked the way resolveSecret checks it (so its errors are the same). */
export async function credentialsFor(option: SecretOption, io: SecretIo): Promise<Credentials> {
  const handle = await resolveSecret(option, io); // validates: missing variable, unreadable file, malformed key
  handle.drop();
  if (option.from === 'env') {
    const value = io.env[option.name] ?? '';
    return option.kind === 'raw-key' ? { key: parseKey(value) } : { passphrase: value };
  }
  const bytes = await io.readFile(option.path);
  if (option.kind === 'raw-key') return { key: parseKey(bytes) };
  return { passphrase: new TextDecoder().decode(bytes).replace(/\r?\n$/, '') };
}

export interface KeyedArgs {
  /** The arguments that were not key options. */
  rest: string[];
  option?: SecretOption;
}

/** Throws a usage FormatError (layer 'cli') for a refused or incomplete key option. */
export function splitKeyArgs(args: readonly string[]): KeyedArgs {
  const parsed = parseKeyOptions(args);
  return parsed.secret ? { rest: parsed.rest, option: parsed.secret } : { rest: parsed.rest };
}

/** The output's encryption when it keeps the input's recipe: the same layer, options and secret. */
export function sameEncryption(recipe: Recipe, credentials: Credentials | undefined): ExportEncryption | undefined {
  const step = recipe.find((s) => ENCRYPTION_LAYERS.has(s.layer));
  if (!step) return undefined;
  if (!credentials)
    throw new FormatError({
      code: 'needs-key',
      layer: 'cli',
      message: 'The input is encrypted: give --key-file/--key-env or --passphrase-file/--passphrase-env',
    });
  return { layer: step.layer, options: step.options, credentials };
}
