/**
 * The key and passphrase options shared by CLI commands (inspect, convert, export-module, ...).
 *
 * Secrets come from an environment variable or a file, never from the command line itself:
 * argv is readable by every user of the machine (`ps`, /proc/PID/cmdline), lands in shell history
 * and often in CI logs. An environment variable or a file with tight permissions stays private.
 */
import { FormatError } from '../core/engine/errors.ts';
import { KeyHandle } from '../core/engine/crypto/key-handle.ts';

export type SecretOption =
  | { kind: 'raw-key'; from: 'file'; path: string }
  | { kind: 'raw-key'; from: 'env'; name: string }
  | { kind: 'passphrase'; from: 'file'; path: string }
  | { kind: 'passphrase'; from: 'env'; name: string };

export interface KeyOptions {
  secret?: SecretOption;
  /** The arguments that were not key options, in order. */
  rest: string[];
}

export interface SecretIo {
  readFile(path: string): Promise<Uint8Array>;
  env: Record<string, string | undefined>;
}

export const KEY_OPTIONS_HELP = [
  '  --key-file PATH          AES-256 key file: 32 raw bytes, 64 hex characters or base64',
  '  --key-env NAME           read the key (hex or base64) from environment variable NAME',
  '  --passphrase-file PATH   read the passphrase from a file (one trailing newline is ignored)',
  '  --passphrase-env NAME    read the passphrase from environment variable NAME',
  '  Keys are never taken on the command line: other users can see it in `ps`, and shells keep it in history.',
].join('\n');

const OPTIONS = new Map<string, (value: string) => SecretOption>([
  ['--key-file', (path) => ({ kind: 'raw-key', from: 'file', path })],
  ['--key-env', (name) => ({ kind: 'raw-key', from: 'env', name })],
  ['--passphrase-file', (path) => ({ kind: 'passphrase', from: 'file', path })],
  ['--passphrase-env', (name) => ({ kind: 'passphrase', from: 'env', name })],
]);

const REFUSED = new Map([
  ['--key', '--key-file PATH or --key-env NAME'],
  ['--passphrase', '--passphrase-file PATH or --passphrase-env NAME'],
  ['--password', '--passphrase-file PATH or --passphrase-env NAME'],
]);

function usage(message: string): FormatError {
  return new FormatError({ code: 'invalid', layer: 'cli', message });
}

/** Pull the key options out of `args`; throws a FormatError (layer 'cli') for misuse. */
export function parseKeyOptions(args: readonly string[]): KeyOptions {
  const rest: string[] = [];
  let secret: SecretOption | undefined;
  let given: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      rest.push(...args.slice(i));
      break;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const refusedFor = REFUSED.get(name);
    if (refusedFor) {
      // The message must not echo the value: it is the secret we are refusing to handle.
      throw usage(`${name} is not accepted: a secret on the command line is visible to other users in \`ps\` and stays in shell history. Use ${refusedFor}`);
    }
    const make = OPTIONS.get(name);
    if (!make) {
      rest.push(arg);
      continue;
    }
    let value: string | undefined;
    if (name !== arg) value = arg.slice(eq + 1);
    else value = args[++i];
    if (value === undefined || value === '' || (name === arg && value.startsWith('--'))) {
      throw usage(`${name} needs a value: ${name.endsWith('-env') ? 'an environment variable name' : 'a file path'}`);
    }
    if (given) throw usage(`Give one key or passphrase, not both ${given} and ${name}`);
    given = name;
    secret = make(value);
  }
  return secret ? { secret, rest } : { rest };
}

function stripOneNewline(text: string): string {
  return text.replace(/\r?\n$/, '');
}

/** Read the secret an option points at and hold it in a KeyHandle (memory only). */
export async function resolveSecret(option: SecretOption, io: SecretIo): Promise<KeyHandle> {
  if (option.from === 'env') {
    const value = io.env[option.name];
    if (value === undefined || value === '') throw usage(`The environment variable ${option.name} is not set or is empty`);
    const source = { from: 'env', name: option.name } as const;
    return option.kind === 'raw-key' ? KeyHandle.fromKeyText(value, source) : KeyHandle.fromPassphrase(value, source);
  }
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(option.path);
  } catch (cause) {
    const why = cause instanceof Error && 'code' in cause && cause.code === 'ENOENT' ? 'it does not exist' : 'it cannot be read';
    throw new FormatError(
      { code: 'invalid', layer: 'cli', message: `The ${option.kind === 'raw-key' ? 'key' : 'passphrase'} file ${option.path} was not read: ${why}` },
      { cause },
    );
  }
  const source = { from: 'file', name: option.path } as const;
  if (option.kind === 'raw-key') return KeyHandle.fromKeyText(bytes, source);
  return KeyHandle.fromPassphrase(stripOneNewline(new TextDecoder().decode(bytes)), source);
}
