import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { verifyCommand, type VerifyIo } from './verify.ts';

const data = new TextEncoder().encode('{"program":{}}\n');
const digest = createHash('sha256').update(data).digest('hex');
const other = createHash('sha256').update('other').digest('hex');

function fakeIo(files: Record<string, string | Uint8Array>): VerifyIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out(s: string) {
      io.stdout += s;
    },
    err(s: string) {
      io.stderr += s;
    },
    async readFile(path: string) {
      const f = files[path];
      if (f === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return typeof f === 'string' ? new TextEncoder().encode(f) : f;
    },
    env: {},
  };
  return io;
}

describe('verify FILE [--sha256 FILE|HEX]', () => {
  it('uses FILE.sha256 beside the file by default', async () => {
    const io = fakeIo({ 'p.json': data, 'p.json.sha256': `${digest}  p.json\n` });
    expect(await verifyCommand(['p.json'], io)).toBe(0);
    expect(io.stdout).toBe(`SHA-256 matches for p.json: ${digest}\n`);
    expect(io.stderr).toBe('');
  });

  it('takes a digest or a sidecar file with --sha256, in both spellings', async () => {
    const io = fakeIo({ 'dir/p.json': data, 'sums.txt': `${other}  q.json\n${digest}  p.json\n` });
    expect(await verifyCommand(['dir/p.json', '--sha256', digest.toUpperCase()], io)).toBe(0);
    expect(await verifyCommand(['--sha256=sums.txt', 'dir/p.json'], io)).toBe(0);
    expect(await verifyCommand(['dir/p.json', '--sha256', `SHA256:${digest}`], io)).toBe(0);
  });

  it('exits 1 on a mismatch and names both digests', async () => {
    const io = fakeIo({ 'p.json': data });
    expect(await verifyCommand(['p.json', '--sha256', other], io)).toBe(1);
    expect(io.stderr).toBe(`SHA-256 mismatch for p.json: expected ${other} but the file has ${digest}\n`);
    expect(io.stdout).toBe('');
  });

  it('exits 2, printing the digest, when there is nothing to compare with', async () => {
    const io = fakeIo({ 'p.json': data });
    expect(await verifyCommand(['p.json'], io)).toBe(2);
    expect(io.stdout).toBe(`${digest}  p.json\n`);
    expect(io.stderr).toMatch(/p\.json\.sha256 does not exist; give a checksum with --sha256 FILE\|HEX/);
  });

  it('exits 2 with a reason for bad usage, a missing file and a sidecar it cannot read', async () => {
    const cases: Array<[string[], Record<string, string>, RegExp]> = [
      [[], {}, /which file\?/],
      [['a', 'b'], {}, /one FILE at a time/],
      [['a', '--sha256'], {}, /--sha256 needs/],
      [['a', '--frobnicate'], {}, /unknown option --frobnicate/],
      [['missing.json'], {}, /missing\.json does not exist/],
      [['p.json', '--sha256', 'nope.sha256'], { 'p.json': 'x' }, /the checksum file nope\.sha256 does not exist/],
      [['p.json'], { 'p.json': 'x', 'p.json.sha256': 'not a digest' }, /Line 1 of the checksum file/],
    ];
    for (const [args, files, message] of cases) {
      const io = fakeIo(files);
      expect(await verifyCommand(args, io), args.join(' ')).toBe(2);
      expect(io.stderr).toMatch(message);
    }
  });

  it('prints help', async () => {
    const io = fakeIo({});
    expect(await verifyCommand(['--help'], io)).toBe(0);
    expect(io.stdout).toMatch(/^Usage: verify FILE/);
  });
});
