/** The commands `main` dispatches to: one file each under commands/, one line each here. */
import type { CliCommand } from './cli-io.ts';
import { inspectCommand } from './commands/inspect.ts';
import { convertCommand } from './commands/convert.ts';
import { migrateCommand } from './commands/migrate.ts';
import { verifyCommand } from './commands/verify.ts';
import { validateCommand } from './commands/validate.ts';
import { seriesCommand } from './commands/series.ts';
import { exportModuleCommand } from './commands/export-module.ts';
import { renderCommand } from './commands/render.ts';
import { checkCommand } from './commands/check.ts';
import { diffCommandEntry } from './commands/diff.ts';

export const COMMANDS: readonly CliCommand[] = [
  inspectCommand,
  convertCommand,
  migrateCommand,
  exportModuleCommand,
  { name: 'validate', summary: 'Check a saved program against the JSON Schema of its format and era.', run: validateCommand },
  { name: 'verify', summary: 'Check a file against its SHA-256 checksum.', run: verifyCommand },
  seriesCommand,
  renderCommand,
  checkCommand,
  diffCommandEntry,
];
