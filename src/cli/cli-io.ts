/** What a command may touch: output lines, files and the environment. Tests pass an in-memory one. */
import { readFile, writeFile } from 'node:fs/promises';
import type { Limits } from '../core/limits.ts';

export interface CliIo {
  /** Each call is one complete line or block, ending in "\n". */
  out(s: string): void;
  err(s: string): void;
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, bytes: Uint8Array): Promise<void>;
  env: Record<string, string | undefined>;
  /** Caps every decode of this run (`--max-output`); absent: each file's own budget. */
  limits?: Partial<Limits>;
}

/** What every command passes to decodeBytes: the file name and the run's limits. */
export function decodeOptionsFor(io: Pick<CliIo, 'limits'>, name: string): { name: string; limits?: Partial<Limits> } {
  return io.limits ? { name, limits: io.limits } : { name };
}

const UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** "512M", "2GiB", "1048576" -> bytes; null when it is not a size. */
export function parseSize(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?$/i.exec(text.trim());
  if (!m) return null;
  const n = Math.floor(Number(m[1]) * (UNITS[(m[2] ?? '').toLowerCase()] as number));
  return n > 0 && Number.isSafeInteger(n) ? n : null;
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
