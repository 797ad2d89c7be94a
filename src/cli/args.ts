import { EXIT_OK, EXIT_USAGE } from './cli-io.ts';

/** A small flag parser: --name value, --name=value, --flag; everything else is positional. */
export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string | true>;
}

export function parseArgs(args: string[], valued: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    if (eq >= 0) flags.set(name, a.slice(eq + 1));
    else if (valued.includes(name)) {
      const v = args[i + 1];
      if (v === undefined) throw new Error(`--${name} needs a value`);
      flags.set(name, v);
      i++;
    } else flags.set(name, true);
  }
  return { positional, flags };
}

/**
 * A command's arguments, or the exit status when they end the command: a usage error (the message and the
 * help on stderr, status 2) or --help (the help on stdout, status 0).
 */
export function parseCommandArgs(
  args: string[] | (() => string[]),
  valued: readonly string[],
  help: string,
  io: { out(s: string): void; err(s: string): void },
): ParsedArgs | number {
  let parsed: ParsedArgs;
  try {
    // A function takes its own arguments out first (a key, metadata edits); its throw is a usage error too.
    parsed = parseArgs(typeof args === 'function' ? args() : args, valued);
  } catch (e) {
    io.err(`${(e as Error).message}\n${help}`);
    return EXIT_USAGE;
  }
  if (parsed.flags.has('help')) {
    io.out(help);
    return EXIT_OK;
  }
  return parsed;
}
