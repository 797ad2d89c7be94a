/** What a command may touch: output lines, files and the environment. Tests pass an in-memory one. */
import { open, readFile, writeFile } from 'node:fs/promises';
import type { ByteSource } from '../core/engine/byte-source.ts';
import { fileSource } from './file-source.ts';
import type { SplicePlan } from '../core/engine/weights/splice-plan.ts';
import type { Limits } from '../core/engine/limits.ts';

export interface CliIo {
  /** Each call is one complete line or block, ending in "\n". */
  out(s: string): void;
  err(s: string): void;
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, bytes: Uint8Array): Promise<void>;
  /** Random access without reading the whole file: weights files of many GB are read header first. */
  openSource(path: string): Promise<ByteSource & { close(): void }>;
  /** Writes new bytes and ranges of `from`, streamed: a header edit of a huge file never holds it. */
  writeSpliced(path: string, plan: SplicePlan, from: string): Promise<void>;
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
    openSource: async (p) => fileSource(p),
    writeSpliced: async (p, plan, from) => {
      const input = await open(from, 'r');
      const output = await open(p, 'w');
      try {
        const chunk = new Uint8Array(8 * 1024 * 1024);
        for (const part of plan) {
          if (part instanceof Uint8Array) {
            await output.write(part);
            continue;
          }
          for (let at = part.start; at < part.end;) {
            const { bytesRead } = await input.read(chunk, 0, Math.min(chunk.length, part.end - at), at);
            if (bytesRead === 0) throw new Error(`${from} ended at byte ${at}, before ${part.end}`);
            await output.write(chunk.subarray(0, bytesRead));
            at += bytesRead;
          }
        }
      } finally {
        await input.close();
        await output.close();
      }
    },
    env: process.env,
  };
}
