import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { verifyChecksum } from './verify.ts';

const bytes = new TextEncoder().encode('{"version":"1.0","program":{}}');
const good = createHash('sha256').update(bytes).digest('hex');
const bad = createHash('sha256').update('something else').digest('hex');

describe('verifyChecksum', () => {
  it('matches a sha256sum line, a bare digest and a BSD line', async () => {
    for (const text of [`${good}  program.json\n`, good, `SHA256 (program.json) = ${good.toUpperCase()}`]) {
      const r = await verifyChecksum(bytes, text, 'program.json');
      expect(r).toMatchObject({ ok: true, expected: good, actual: good });
      expect(r.message).toBe(`SHA-256 matches for program.json: ${good}`);
    }
  });
  it('names both digests on a mismatch', async () => {
    const r = await verifyChecksum(bytes, `${bad}  program.json`);
    expect(r.ok).toBe(false);
    expect(r.expected).toBe(bad);
    expect(r.actual).toBe(good);
    expect(r.message).toBe(`SHA-256 mismatch for program.json: expected ${bad} but the file has ${good}`);
    expect(r.sidecarFileName).toBe('program.json');
  });
  it('notices a single changed byte', async () => {
    const changed = bytes.slice();
    changed[5]! ^= 1;
    expect((await verifyChecksum(changed, good)).ok).toBe(false);
  });
});
