/**
 * `validate FILE [--schema NAME]`: decode FILE by its bytes, recognise the program, and check it
 * against the JSON Schema that fits (or the one named). Each error is one line: JSON path, message.
 * Exit status: 0 valid, 1 schema errors, 2 nothing could be checked.
 */
import { toErrorInfo } from '../../core/engine/errors.ts';
import { analyzeProgram } from '../../core/program/formats/analyze.ts';
import { decodeBytes } from '../../core/engine/pipeline/decode.ts';
import { namedSchema, schemaForProgram, schemaNames } from '../../core/program/formats/schemas.ts';
import { validateValue, withPlainKeys } from '../../core/program/schemas/validate.ts';
import { decodeOptionsFor, type CliIo } from '../cli-io.ts';

export interface ValidateIo {
  out(s: string): void;
  err(s: string): void;
  readFile(path: string): Promise<Uint8Array>;
  limits?: CliIo['limits'];
}

export const VALIDATE_HELP = `Usage: validate FILE [--schema NAME]

Checks a saved program against its JSON Schema. The schema follows what the file is
(DSPy state of its era, the versioned envelope, an envelope module file) unless --schema
names one: ${schemaNames().join(', ')}.
Exit status: 0 valid, 1 schema errors (one line each: JSON path, message), 2 not checked.
`;

export async function validateCommand(args: string[], io: ValidateIo): Promise<number> {
  let file: string | undefined;
  let schemaName: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '-h' || arg === '--help') {
      io.out(VALIDATE_HELP);
      return 0;
    }
    if (arg === '--schema') schemaName = args[++i];
    else if (arg.startsWith('--schema=')) schemaName = arg.slice('--schema='.length);
    else if (arg.startsWith('-')) {
      io.err(`validate: unknown option ${arg}\n`);
      return 2;
    } else if (file === undefined) file = arg;
    else {
      io.err(`validate: one FILE only (got ${file} and ${arg})\n`);
      return 2;
    }
  }
  if (file === undefined) {
    io.err(VALIDATE_HELP);
    return 2;
  }
  let value: unknown;
  try {
    value = (await decodeBytes(await io.readFile(file), decodeOptionsFor(io, file))).value;
  } catch (e) {
    const info = toErrorInfo(e, 'read');
    const where = info.offset !== undefined ? ` at byte ${info.offset}` : info.path !== undefined ? ` at ${info.path}` : '';
    io.err(`${file}: ${info.layer}: ${info.message}${where}\n`);
    return 2;
  }
  const program = analyzeProgram(value, { name: file });
  const schema = schemaName !== undefined ? namedSchema(schemaName) : schemaForProgram(program);
  if (!schema) {
    io.err(
      schemaName !== undefined ? `validate: no schema called ${schemaName}\n` : `${file}: ${program.formatLabel}: there is no schema for this kind of file.\n`,
    );
    return 2;
  }
  const title = typeof schema.title === 'string' ? schema.title : 'schema';
  const errors = validateValue(withPlainKeys(value), schema);
  if (errors.length === 0) {
    io.out(`${file}: valid (${title})\n`);
    return 0;
  }
  io.out(`${file}: ${errors.length} schema error${errors.length === 1 ? '' : 's'} (${title})\n`);
  for (const e of errors) io.out(`  ${e.pointer === '' ? '/' : e.pointer}: ${e.message}\n`);
  return 1;
}
