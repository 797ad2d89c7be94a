import { describe, expect, it } from 'vitest';
import { formatSidecar, parseSidecar, parseSidecarEntries } from './sidecar.ts';
import { errorOf } from '../../../test-support/errors';

const A = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
const B = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('parseSidecar', () => {
  it('reads sha256sum text and binary lines', () => {
    expect(parseSidecar(`${A}  program.json\n`)).toEqual({ digest: A, fileName: 'program.json' });
    expect(parseSidecar(`${A} *program.json.enc`)).toEqual({ digest: A, fileName: 'program.json.enc' });
    expect(parseSidecar(`${A.toUpperCase()}  name with  spaces.json\r\n`)).toEqual({ digest: A, fileName: 'name with  spaces.json' });
  });
  it('reads a bare digest (what a save routine returns) and the sha256: form', () => {
    expect(parseSidecar(`${A}\n`)).toEqual({ digest: A });
    expect(parseSidecar(`  ${A.toUpperCase()}  `)).toEqual({ digest: A });
    expect(parseSidecar(`sha256:${A}`)).toEqual({ digest: A });
  });
  it('reads BSD and openssl dgst lines', () => {
    expect(parseSidecar(`SHA256 (program.json) = ${A}`)).toEqual({ digest: A, fileName: 'program.json' });
    expect(parseSidecar(`SHA2-256(program.json)= ${A}`)).toEqual({ digest: A, fileName: 'program.json' });
    expect(parseSidecar(`SHA256(a (1).json)= ${A}`)).toEqual({ digest: A, fileName: 'a (1).json' });
  });
  it('unescapes names the way GNU sha256sum escapes them', () => {
    expect(parseSidecar(`\\${A}  odd\\\\name\\nline`)).toEqual({ digest: A, fileName: 'odd\\name\nline' });
  });
  it('picks the line for the file among several, by full or base name, skipping comments', () => {
    const text = `# made by release.sh\n${A}  dist/a.json\n\n${B}  dist/b.json\n`;
    expect(parseSidecar(text, 'dist/b.json')).toEqual({ digest: B, fileName: 'dist/b.json' });
    expect(parseSidecar(text, 'a.json')).toEqual({ digest: A, fileName: 'dist/a.json' });
    expect(parseSidecarEntries(text).map((e) => e.line)).toEqual([2, 4]);
  });
  it('uses a single line whatever name it carries, since downloads get renamed', () => {
    expect(parseSidecar(`${A}  original.json`, 'program (1).json')).toEqual({ digest: A, fileName: 'original.json' });
  });
  it('says what is wrong with a sidecar it cannot use', () => {
    const two = `${A}  a.json\n${B}  b.json`;
    expect(errorOf(() => parseSidecar(two)).message).toBe('The checksum file lists 2 files (a.json, b.json); say which one to check');
    expect(errorOf(() => parseSidecar(two, 'c.json')).message).toBe('The checksum file has no line for c.json; it lists a.json, b.json');
    expect(errorOf(() => parseSidecar('')).message).toBe('The checksum file holds no digest');
    const sha1 = errorOf(() => parseSidecar('a9993e364706816aba3e25717850c26c9cd0d89d  abc.txt'));
    expect(sha1.code).toBe('unsupported');
    expect(sha1.message).toMatch(/looks like SHA-1/);
    const junk = errorOf(() => parseSidecar(`hello\n${A}  x`));
    expect(junk.code).toBe('syntax');
    expect(junk.message).toMatch(/^Line 1 of the checksum file/);
  });
});

describe('formatSidecar', () => {
  it('writes what sha256sum prints, and reads back', () => {
    expect(formatSidecar(A.toUpperCase(), 'program.json')).toBe(`${A}  program.json\n`);
    for (const name of ['program.json', 'with space.json', 'back\\slash', 'new\nline']) {
      expect(parseSidecar(formatSidecar(A, name))).toEqual({ digest: A, fileName: name });
    }
    expect(formatSidecar(A, 'new\nline')).toBe(`\\${A}  new\\nline\n`);
  });
  it('refuses something that is not a SHA-256 digest', () => {
    expect(() => formatSidecar('abc', 'x')).toThrow(/64 hex characters; got 3/);
  });
});
