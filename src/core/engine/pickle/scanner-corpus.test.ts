import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isFormatError } from '../errors.ts';
import { decodeBytes } from '../pipeline/decode.ts';

/**
 * Replays the project's versions of picklescan's, fickling's and ModelAudit's test corpora
 * (scripts/make-scanner-corpus.py) through the real open path, and holds docs/pickles.md to it:
 * the "this app" column of the detection table must be what the app says.
 */
interface Case {
  file: string;
  source: string;
  case: string;
  benign: boolean;
}

const DIR = new URL('../../../../fixtures/pickle-scanners/', import.meta.url);
const cases = JSON.parse(readFileSync(new URL('cases.json', DIR), 'utf8')) as Case[];
const docs = readFileSync(new URL('../../../../docs/pickles.md', import.meta.url), 'utf8');

/** The app column of the docs table, by fixture: 'dangerous', 'unknown', 'safe' or 'not read (code)'. */
const published = new Map<string, string>();
for (const line of docs.split('\n')) {
  const m = /^\| `([^`]+)` \|.*\| ([^|]+) \|$/.exec(line);
  if (m)
    published.set(
      m[1] as string,
      (m[2] as string)
        .trim()
        .replace(/^\*\*(\w+)\*\*/, '$1')
        .replace(/:.*$/, ''),
    );
}

async function appSays(file: string): Promise<string> {
  try {
    const doc = await decodeBytes(new Uint8Array(readFileSync(new URL(file, DIR))), { name: file });
    const safety = doc.recipe.find((s) => s.layer === 'pickle')?.options.safety as { verdict: string } | undefined;
    return safety?.verdict ?? 'no pickle report';
  } catch (e) {
    if (!isFormatError(e)) throw e;
    return `not read (${e.code})`;
  }
}

describe('public pickle-scanner corpora, replayed', () => {
  it('covers the three corpora', () => {
    const by = (s: string) => cases.filter((c) => c.source === s).length;
    expect(by('picklescan')).toBeGreaterThanOrEqual(70);
    expect(by('fickling')).toBeGreaterThanOrEqual(30);
    expect(by('modelaudit')).toBeGreaterThanOrEqual(15);
  });
  for (const c of cases) {
    it(`${c.source} ${c.case}: ${c.benign ? 'benign, never called dangerous' : 'code-running, never called safe'}; the docs table says what the app says`, async () => {
      const says = await appSays(c.file);
      if (c.benign) expect(says).not.toBe('dangerous');
      else expect(says).not.toBe('safe');
      expect(published.get(c.file), `docs/pickles.md has a row for ${c.file}`).toBe(says);
    });
  }
});
