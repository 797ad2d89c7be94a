/**
 * An in-memory CLI io for tests: reads come from files written during the test, then from the repo;
 * writes and directories stay in memory; output is collected.
 */
import { readRepoFile } from './real-fixtures.ts';
import type { CliIo } from '../cli/cli-io.ts';
import { bytesSource } from '../core/engine/byte-source.ts';
import { spliceBytes } from '../core/engine/weights/splice-plan.ts';

export function memoryIo(files: Record<string, Uint8Array> = {}) {
  const store = new Map(Object.entries(files));
  const dirs: string[] = [];
  const out: string[] = [];
  const err: string[] = [];
  const readFile = async (p: string): Promise<Uint8Array> => {
    const hit = store.get(p);
    if (hit) return hit;
    try {
      return readRepoFile(p);
    } catch {
      throw Object.assign(new Error(`cannot read ${p}: no such file`), { code: 'ENOENT' });
    }
  };
  const io: CliIo & { makeDir(path: string): Promise<void> } = {
    out: (s) => void out.push(s),
    err: (s) => void err.push(s),
    readFile,
    writeFile: async (p, b) => void store.set(p, b),
    openSource: async (p) => ({ ...bytesSource(await readFile(p)), close: () => undefined }),
    writeSpliced: async (p, plan, from) => void store.set(p, spliceBytes(plan, await readFile(from))),
    makeDir: async (p) => void dirs.push(p),
    env: {},
  };
  return { io, store, dirs, out: () => out.join(''), err: () => err.join('') };
}
