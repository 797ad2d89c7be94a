/** What a command may touch: output lines, files and the environment. Tests pass an in-memory one. */
import { readFile, writeFile } from 'node:fs/promises';

export interface CliIo {
  /** Each call is one complete line or block, ending in "\n". */
  out(s: string): void;
  err(s: string): void;
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, bytes: Uint8Array): Promise<void>;
  env: Record<string, string | undefined>;
}

export interface CliCommand {
  name: string;
  summary: string;
  run(args: string[], io: CliIo): Promise<number>;
}

export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 1;
export const EXIT_USAGE = 2;

export function nodeIo(): CliIo {
  return {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    readFile: async (p) => new Uint8Array(await readFile(p)),
    writeFile: (p, b) => writeFile(p, b),
    env: process.env,
  };
}
