/**
 * The command-line tool over src/core: `program-studio <command> ...`. Exit codes: 0 ok,
 * 1 bad input (printed as `error [layer] message`), 2 usage.
 */
import { pathToFileURL } from 'node:url';
import { COMMANDS } from './command-table.ts';
import { EXIT_USAGE, nodeIo, type CliIo } from './cli-io.ts';

export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return ['Usage: program-studio <command> [options]', '', 'Commands:', ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`), ''].join('\n');
}

/** Runs one command line in-process; tests call this with an in-memory io. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.err : io.out)(usage());
    return name === undefined ? EXIT_USAGE : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`Unknown command "${name}".\n${usage()}`);
    return EXIT_USAGE;
  }
  return command.run(rest, io);
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  return run(argv, nodeIo());
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  process.exitCode = await main();
}
