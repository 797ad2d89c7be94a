/**
 * The command-line tool over src/core: `program-studio <command> ...`. Exit codes: 0 ok,
 * 1 bad input (printed as `error [layer] message`), 2 usage.
 */
import { pathToFileURL } from 'node:url';
import { COMMANDS } from './command-table.ts';
import { EXIT_USAGE, nodeIo, parseSize, type CliIo } from './cli-io.ts';

export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: program-studio <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Every command takes --max-output SIZE (e.g. 2G): the most one file may decode to. Default: 64 times',
    'the file size, at least 64 MiB and at most 256 MiB, as in the page.',
    '',
  ].join('\n');
}

/** Takes `--max-output SIZE` out of the arguments; a bad size is a usage error. */
function takeMaxOutput(args: string[]): { rest: string[]; maxOutput?: number } | string {
  const rest: string[] = [];
  let maxOutput: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const inline = a.startsWith('--max-output=') ? a.slice('--max-output='.length) : undefined;
    if (a !== '--max-output' && inline === undefined) {
      rest.push(a);
      continue;
    }
    const text = inline ?? args[++i];
    const size = text === undefined ? null : parseSize(text);
    if (size === null) return `--max-output needs a size such as 512M or 2G (got ${text === undefined ? 'nothing' : JSON.stringify(text)}).`;
    maxOutput = size;
  }
  return maxOutput === undefined ? { rest } : { rest, maxOutput };
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
  const taken = takeMaxOutput(rest);
  if (typeof taken === 'string') {
    io.err(`${taken}\n`);
    return EXIT_USAGE;
  }
  const runIo = taken.maxOutput === undefined ? io : { ...io, limits: { ...io.limits, maxOutputBytes: taken.maxOutput } };
  return command.run(taken.rest, runIo);
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  return run(argv, nodeIo());
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  process.exitCode = await main();
}
