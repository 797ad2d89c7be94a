/**
 * The real-world DSPy corpus: every file decodes, re-encodes byte-identical when untouched, is
 * reproduced by stringifyJson in its detected style (when a DSPy writer made it), and takes a
 * one-demo edit that changes only that demo's lines.
 */
import { describe, expect, it } from 'vitest';
import { decodeBytes } from './decode.ts';
import { encodeDocument } from './encode.ts';
import { readRealFixture, realDspyFiles, realFixturesPresent } from '../../../test-support/real-fixtures.ts';
import { detectJsonStyle } from '../json-text/json-style.ts';
import { stringifyJson } from '../json-text/stringify-json.ts';
import { patchJsonText } from '../json-text/patch-json-text.ts';
import { locate } from '../json-text/json-scanner.ts';
import { parsePointer } from '../json-pointer.ts';

const present = realFixturesPresent();
const files = realDspyFiles();
/** Hand-pasted files whose indentation no DSPy writer produces (4-space outer indent). */
const NOT_WRITER_STYLE = new Set(['robjsliwa__adventures_in_dspy__compiled_program.json', 'stanfordnlp__dspy__tests_primitives_resources_saved_program.json']);

function firstDemoPointer(value: unknown): string | null {
  if (value === null || typeof value !== 'object') return null;
  for (const [name, pred] of Object.entries(value as Record<string, unknown>)) {
    const demos = (pred as { demos?: unknown } | null)?.demos;
    if (Array.isArray(demos) && demos.length > 0) return `/${name.replace(/~/g, '~0').replace(/\//g, '~1')}/demos/0`;
  }
  return null;
}

describe.runIf(present)('real DSPy corpus', () => {
  it('has files', () => expect(files.length).toBeGreaterThan(5));

  for (const name of files) {
    it(`${name}: decodes and re-encodes byte-identical`, async () => {
      const bytes = readRealFixture(name);
      const doc = await decodeBytes(bytes, { name });
      expect(doc.syntax).toBe('json');
      const out = await encodeDocument({ value: doc.value, recipe: doc.recipe, source: { text: doc.text as string } });
      expect(Buffer.from(out).equals(Buffer.from(bytes))).toBe(true);
    });

    it(`${name}: stringifyJson reproduces it in its detected style${NOT_WRITER_STYLE.has(name) ? ' (re-indented file: differs)' : ''}`, () => {
      const text = new TextDecoder().decode(readRealFixture(name));
      const again = stringifyJson(JSON.parse(text), detectJsonStyle(text));
      expect(again === text).toBe(!NOT_WRITER_STYLE.has(name));
    });

    it(`${name}: a demo edit changes only that demo's lines`, () => {
      const text = new TextDecoder().decode(readRealFixture(name));
      const value = JSON.parse(text) as unknown;
      const pointer = firstDemoPointer(value);
      if (pointer === null) return; // no demos in this file: nothing to edit
      const style = detectJsonStyle(text);
      const demo = locate(text, parsePointer(pointer));
      expect(demo).not.toBeNull();
      const added = 'new ✓ text/with slash';
      const edited = patchJsonText(text, [{ op: 'add', path: pointer + '/edited_by_test', value: added }], style);
      const expected = JSON.parse(text) as Record<string, { demos: Record<string, unknown>[] }>;
      const predictor = parsePointer(pointer)[0] as string;
      (expected[predictor]?.demos[0] as Record<string, unknown>).edited_by_test = added;
      expect(JSON.parse(edited)).toEqual(expected);
      // Line diff: everything before the demo's closing line and after it is unchanged.
      const a = text.split('\n');
      const b = edited.split('\n');
      let head = 0;
      while (head < a.length && a[head] === b[head]) head++;
      let tail = 0;
      while (tail < a.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
      const demoFirstLine = text.slice(0, (demo as { start: number }).start).split('\n').length - 1;
      const demoLastLine = text.slice(0, (demo as { end: number }).end).split('\n').length - 1;
      expect(head).toBeGreaterThanOrEqual(demoFirstLine);
      expect(a.length - tail - 1).toBeLessThanOrEqual(demoLastLine);
      expect(b.length - a.length).toBeLessThanOrEqual(1);
      // The new member is written in the file's escaping style.
      if (style.escapeSlash) expect(edited).toContain('text\\/with slash');
      if (style.asciiOnly) expect(edited).toContain('new \\u2713 text');
    });
  }
});
