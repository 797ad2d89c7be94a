/**
 * The real DSPy corpus through export: untouched, every file comes out byte-identical in its own
 * recipe; after one demo edit (through the model's own edit function), only that demo's lines differ.
 */
import { describe, expect, it } from 'vitest';
import { analyzeProgram } from '../formats/analyze.ts';
import { locate } from '../../engine/json-text/json-scanner.ts';
import { parsePointer } from '../../engine/json-pointer.ts';
import { setDemoField } from '../model/edits.ts';
import { applyWithInverse } from '../model/patch.ts';
import { decodeBytes } from '../../engine/pipeline/decode.ts';
import { readRealFixture, realDspyFiles, realFixturesPresent } from '../../../test-support/real-fixtures.ts';
import { exportDocument } from './export-document.ts';

const present = realFixturesPresent();
const files = realDspyFiles();

/** Lines that differ, as [first, lastA, lastB] (0-based, inclusive) after trimming the common head and tail. */
function changedLines(a: string, b: string): { from: number; toA: number; toB: number } | null {
  const la = a.split('\n');
  const lb = b.split('\n');
  let head = 0;
  while (head < la.length && head < lb.length && la[head] === lb[head]) head++;
  if (head === la.length && head === lb.length) return null;
  let tail = 0;
  while (tail < la.length - head && tail < lb.length - head && la[la.length - 1 - tail] === lb[lb.length - 1 - tail]) tail++;
  return { from: head, toA: la.length - 1 - tail, toB: lb.length - 1 - tail };
}

function lineOf(text: string, offset: number): number {
  let n = 0;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

describe.runIf(present)('export of the real DSPy corpus', () => {
  it('has files', () => expect(files.length).toBeGreaterThan(5));

  for (const name of files) {
    it(`${name}: untouched export is byte-identical`, async () => {
      const bytes = readRealFixture(name);
      const doc = await decodeBytes(bytes, { name });
      const program = analyzeProgram(doc.value, { recipe: doc.recipe, name });
      const out = await exportDocument({ value: doc.value, program, recipe: doc.recipe, sourceText: doc.text, appliedOps: [], name });
      expect(Buffer.from(out.bytes).equals(Buffer.from(bytes))).toBe(true);
      expect(out.identical).toBe(true);
      expect(out.fileName).toBe(name);
      expect(out.sha256).toMatch(/^[0-9a-f]{64}$/);
    });
  }

  const withDemos = files.filter((name) => {
    const text = new TextDecoder().decode(readRealFixture(name));
    return /"demos": \[\s*\{/.test(text);
  });

  it('has files with demos', () => expect(withDemos.length).toBeGreaterThan(3));

  for (const name of withDemos) {
    it(`${name}: one demo edit changes only that demo's lines`, async () => {
      const bytes = readRealFixture(name);
      const doc = await decodeBytes(bytes, { name });
      const text = doc.text as string;
      const program = analyzeProgram(doc.value, { recipe: doc.recipe, name });
      const mod = program.modules.find((m) => m.demoCount > 0 && m.demoShape === 'flat');
      expect(mod).toBeDefined();
      if (!mod) return;
      const first = (doc.value as Record<string, Record<string, unknown[]>>)[mod.id]?.demos?.[0] as Record<string, unknown>;
      const field = Object.keys(first).find((k) => typeof first[k] === 'string') as string;
      const edit = setDemoField(doc.value, program, mod.id, 0, field, 'An edited value / with "quotes" and ünïcode');
      const value = applyWithInverse(doc.value, edit.ops).value;
      const edited = analyzeProgram(value, { recipe: doc.recipe, name });
      const out = await exportDocument({ value, program: edited, recipe: doc.recipe, sourceText: text, appliedOps: edit.ops, originalValue: doc.value, name });
      const outText = new TextDecoder().decode(out.bytes);
      expect(out.identical).toBe(false);

      const diff = changedLines(text, outText);
      expect(diff).not.toBeNull();
      const span = locate(text, parsePointer(`${mod.demosPointer}/0`));
      expect(span).not.toBeNull();
      if (!diff || !span) return;
      // Every changed line lies inside the demo's own lines; everything before and after is the same bytes.
      expect(diff.from).toBeGreaterThanOrEqual(lineOf(text, span.start));
      expect(diff.toA).toBeLessThanOrEqual(lineOf(text, span.end));
      const style = doc.recipe.at(-1)?.options.style as { escapeSlash?: boolean; asciiOnly?: boolean };
      const changed = outText
        .split('\n')
        .slice(diff.from, diff.toB + 1)
        .join('\n');
      // The new value is written the way the file's DSPy writer would (ujson "\/" and \u escapes).
      if (style.escapeSlash) expect(changed).toContain('\\/');
      if (style.asciiOnly) expect(changed).toContain('\\u00fc');
      else expect(changed).toContain('ü');
    });
  }
});
