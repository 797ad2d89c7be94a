import { describe, expect, it } from 'vitest';
import { readRepoFile } from '../../test-support/real-fixtures';
import { validateCommand } from './validate';

function io(files: Record<string, Uint8Array>) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      out: (s: string) => void out.push(s),
      err: (s: string) => void err.push(s),
      readFile: async (p: string) => {
        const f = files[p];
        if (!f) throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
        return f;
      },
    },
  };
}

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('validate command', () => {
  it('says valid for our era F fixture', async () => {
    const t = io({ 'p.json': readRepoFile('fixtures/programs/dspy-era-f.json') });
    expect(await validateCommand(['p.json'], t.io)).toBe(0);
    expect(t.out.join('')).toMatch(/valid \(DSPy state JSON \(era F\)\)/);
  });

  it('prints each schema error with its JSON path', async () => {
    const env = JSON.parse(new TextDecoder().decode(readRepoFile('fixtures/programs/envelope-1.1.0.json')));
    env.program.modules[0].demonstrations = {};
    const t = io({ 'e.json': enc(JSON.stringify(env)) });
    expect(await validateCommand(['e.json'], t.io)).toBe(1);
    expect(t.out.join('')).toMatch(/^ {2}\/program\/modules\/0\/demonstrations: /m);
  });

  it('--schema names a schema; unknown files and bad bytes are reported, not thrown', async () => {
    const t = io({ 'x.json': enc('{"hello": 1}'), 'bad.json': enc('{"a": ') });
    expect(await validateCommand(['x.json'], t.io)).toBe(2);
    expect(t.err.join('')).toMatch(/no schema for this kind of file/);
    expect(await validateCommand(['x.json', '--schema', 'envelope'], t.io)).toBe(1);
    expect(t.out.join('')).toMatch(/\/: Instance does not have required property "version"/);
    expect(await validateCommand(['bad.json'], t.io)).toBe(2);
    expect(await validateCommand([], t.io)).toBe(2);
  });
});
