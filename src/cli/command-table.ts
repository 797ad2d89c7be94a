/** The commands `main` dispatches to: one file each under commands/, one line each here. */
import type { CliCommand } from './cli-io.ts';
import { inspectCommand } from './commands/inspect.ts';
import { convertCommand } from './commands/convert.ts';
import { verifyCommand } from './commands/verify.ts';

export const COMMANDS: readonly CliCommand[] = [
  inspectCommand,
  convertCommand,
  { name: 'verify', summary: 'Check a file against its SHA-256 checksum.', run: verifyCommand },
];
