import { toErrorInfo } from '../core/engine/errors.ts';
import type { CliIo } from './cli-io.ts';
import { EXIT_BAD_INPUT } from './cli-io.ts';

/** Prints a failure as `error [layer] message` and gives the exit code for bad input. */
export function reportError(e: unknown, io: CliIo, layer = 'read'): number {
  const missing = e instanceof Error && 'code' in e && (e as { code?: string }).code === 'ENOENT';
  if (missing) {
    io.err(`error [read] ${e.message}\n`);
    return EXIT_BAD_INPUT;
  }
  const info = toErrorInfo(e, layer);
  io.err(`error [${info.layer}] ${info.message}\n`);
  return EXIT_BAD_INPUT;
}
