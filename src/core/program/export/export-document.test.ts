/** Export options, redaction, the read-back check and cross-format targets, over our own fixtures. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyzeProgram } from '../formats/analyze.ts';
import { sha256Hex } from '../../engine/checksum/sha256.ts';
import { parseSidecar } from '../../engine/checksum/sidecar.ts';
import { isFormatError } from '../../engine/errors.ts';
import { deepEqual } from '../model/deep-equal.ts';
import { setInstructions } from '../formats/kind-edits.ts';
import { applyWithInverse } from '../model/patch.ts';
import { REDACTED } from '../model/secrets.ts';
import { decodeBytes } from '../../engine/pipeline/decode.ts';
import { dspyStateSchema } from '../formats/dspy/schema.ts';
import { envelopeSchema } from '../formats/envelope/schema.ts';
import { validateValue } from '../schemas/validate.ts';
import { readRepoFile } from '../../../test-support/real-fixtures.ts';
import type { ExportCompression, ExportSource, ExportSyntax } from './export-options.ts';
import { exportDocument } from './export-document.ts';
import { baseNameOf } from './export-file-name.ts';

async function open(path: string): Promise<ExportSource & { bytes: Uint8Array }> {
  const bytes = readRepoFile(path);
  const name = path.split('/').pop() as string;
  const doc = await decodeBytes(bytes, { name });
  const program = analyzeProgram(doc.value, { recipe: doc.recipe, name });
  return { bytes, value: doc.value, program, recipe: doc.recipe, sourceText: doc.text, appliedOps: [], originalValue: doc.value, originalBytes: bytes, name };
}

const SYNTAXES: ExportSyntax[] = ['json', 'yaml', 'msgpack'];
const COMPRESSIONS: ExportCompression[] = ['none', 'gzip', 'zlib', 'deflate-raw'];

describe('exportDocument', () => {
  it('keeps number spellings JavaScript would change (1.0, 1e-05) when the file is written afresh', async () => {
    const text = '{"lm": {"temperature": 1.0, "top_p": 1e-05, "n": 3}}';
    const doc = await decodeBytes(new TextEncoder().encode(text), { name: 'p.json' });
    const program = analyzeProgram(doc.value, { recipe: doc.recipe });
    const src: ExportSource = { value: doc.value, program, recipe: doc.recipe, sourceText: doc.text, appliedOps: [], originalValue: doc.value, name: 'p.json' };
    const pretty = new TextDecoder().decode((await exportDocument(src, { jsonStyle: 'pretty' })).bytes);
    expect(pretty).toContain('"temperature": 1.0');
    expect(pretty).toContain('"top_p": 1e-05');
  });

  it('writes a gzip file back byte for byte when untouched, and names files after the recipe', async () => {
    const src = await open('fixtures/formats/program.json.gz');
    const same = await exportDocument(src);
    expect(Buffer.from(same.bytes).equals(Buffer.from(src.bytes))).toBe(true);
    expect(same.identical).toBe(true);
    expect(same.sha256).toBe(await sha256Hex(src.bytes));
    const yamlZ = await exportDocument(src, { syntax: 'yaml', compression: 'zlib', level: 9 });
    expect(yamlZ.fileName).toBe('program.yaml.zz');
    expect(yamlZ.identical).toBe(false);
    expect(baseNameOf('a/b/model.msgpack.gz')).toBe('model');
    expect(baseNameOf('program.json.gz.psenc')).toBe('program');
    expect(baseNameOf('program.json.enc')).toBe('program');
  });

  it('gives a sidecar that the checksum reader accepts for the file', async () => {
    const src = await open('fixtures/programs/dspy-era-f.json');
    const out = await exportDocument(src, { compression: 'gzip' });
    expect(out.fileName).toBe('dspy-era-f.json.gz');
    expect(parseSidecar(out.sidecar, out.fileName)).toEqual({ digest: out.sha256, fileName: out.fileName });
    expect(out.sidecar).toBe(`${out.sha256}  dspy-era-f.json.gz\n`);
  });

  it('redacts secrets by default, only on their own line, and warns when told not to', async () => {
    const src = await open('fixtures/programs/dspy-lm-api-key.json');
    expect(src.program.secrets.length).toBe(1);
    const out = await exportDocument(src);
    const text = new TextDecoder().decode(out.bytes);
    expect(out.redacted).toBe(1);
    expect(text).not.toContain('sk-proj-EXAMPLE');
    expect(text).toContain(`"api_key": "${REDACTED}"`);
    const before = (src.sourceText as string).split('\n');
    const after = text.split('\n');
    expect(after.length).toBe(before.length);
    expect(after.filter((l, i) => l !== before[i])).toEqual([`      "api_key": "${REDACTED}"`]);
    const plain = await exportDocument(src, { redactSecrets: false });
    expect(new TextDecoder().decode(plain.bytes)).toContain('sk-proj-EXAMPLE');
    expect(plain.warnings.join(' ')).toMatch(/plain text/);
    // Other syntaxes are redacted too.
    const mp = await exportDocument(src, { syntax: 'msgpack', compression: 'gzip' });
    expect(JSON.stringify((await decodeBytes(mp.bytes)).value)).not.toContain('sk-proj');
    expect(Buffer.from(mp.bytes).includes('sk-proj')).toBe(false);
  });

  it('treats an edit that was undone as untouched, and splices a live edit into the kept text', async () => {
    const src = await open('fixtures/programs/dspy-era-f.json');
    const mod = src.program.modules[0]!;
    const edit = setInstructions(src.value, src.program, mod.id, 'New instructions.');
    const edited = applyWithInverse(src.value, edit.ops).value;
    const undone = applyWithInverse(edited, edit.inverse).value;
    const back = await exportDocument({ ...src, value: undone, appliedOps: [...edit.ops, ...edit.inverse] });
    expect(Buffer.from(back.bytes).equals(Buffer.from(src.bytes))).toBe(true);
    const live = await exportDocument({ ...src, value: edited, program: analyzeProgram(edited), appliedOps: edit.ops });
    const text = new TextDecoder().decode(live.bytes);
    expect(text).toContain('New instructions.');
    expect(text.length - (src.sourceText as string).length).toBeLessThan(200);
  });

  it('exports an untouched file that only its suffix tells apart (a YAML scalar, a short raw deflate stream)', async () => {
    for (const [bytes, name] of [
      [new TextEncoder().encode('n'), 'letter.yaml'],
      [Uint8Array.of(0xb3, 0x2a, 0xb3, 0x2a, 0x00, 0x00), 'short.yaml.deflate'],
    ] as const) {
      const doc = await decodeBytes(bytes, { name });
      const source: ExportSource = {
        value: doc.value,
        program: analyzeProgram(doc.value, { recipe: doc.recipe, name }),
        recipe: doc.recipe,
        appliedOps: [],
        originalBytes: bytes,
        name,
      };
      if (doc.text !== undefined) source.sourceText = doc.text;
      const out = await exportDocument(source);
      expect(out.fileName).toBe(name);
      expect(out.identical).toBe(true);
    }
  });

  it('refuses, with a typed error, to write a bare value (not a map or list) as MessagePack', async () => {
    const bytes = new TextEncoder().encode('vesrs');
    const doc = await decodeBytes(bytes, { name: 'word.yaml' });
    const source: ExportSource = {
      value: doc.value,
      program: analyzeProgram(doc.value),
      recipe: doc.recipe,
      sourceText: doc.text as string,
      appliedOps: [],
      originalBytes: bytes,
      name: 'word.yaml',
    };
    await expect(exportDocument(source, { syntax: 'msgpack', compression: 'gzip' })).rejects.toMatchObject({ code: 'unsupported', layer: 'export' });
    expect((await exportDocument(source, { syntax: 'json' })).recipe.map((s) => s.layer)).toEqual(['json']);
  });

  it('writes an edited YAML file with a duplicate key afresh, as the value it opened to', async () => {
    const text = 'version: 1\nprogram: first\nprogram:\n  modules:\n    - name: qa\n      instructions: old\n';
    const bytes = new TextEncoder().encode(text);
    const doc = await decodeBytes(bytes, { name: 'dup.yaml' });
    const ops = [{ op: 'replace' as const, path: '/program/modules/0/instructions', value: 'new' }];
    const edited = applyWithInverse(doc.value, ops).value;
    const out = await exportDocument({
      value: edited,
      program: analyzeProgram(edited),
      recipe: doc.recipe,
      sourceText: text,
      appliedOps: ops,
      originalValue: doc.value,
      originalBytes: bytes,
      name: 'dup.yaml',
    });
    expect((await decodeBytes(out.bytes, { name: 'dup.yaml' })).value).toEqual(edited);
  });

  it('refuses, with a typed error, a file that would not read back to the same value', async () => {
    // MessagePack bytes (bin) have no JSON form: written as JSON they come back as an array.
    const value = { blob: new Uint8Array([1, 2, 3]) };
    const program = analyzeProgram(value);
    const err = await exportDocument({ value, program, recipe: [{ layer: 'msgpack', options: {} }], appliedOps: [] }, { syntax: 'json' }).catch(
      (e: unknown) => e,
    );
    expect(isFormatError(err)).toBe(true);
    expect(err).toMatchObject({ layer: 'export-check', code: 'invalid' });
  });

  it('refuses raw deflate at level 0, which no reader could tell from text', async () => {
    const src = await open('fixtures/programs/dspy-era-f.json');
    await expect(exportDocument(src, { compression: 'deflate-raw', level: 0 })).rejects.toMatchObject({ layer: 'export', code: 'unsupported' });
    await expect(exportDocument(src, { compression: 'zlib', level: 0 })).resolves.toMatchObject({ fileName: 'dspy-era-f.json.zz' });
  });

  it('quotes strings a YAML 1.1 reader (PyYAML) would read as booleans, dates or numbers', async () => {
    const value = { answer: 'yes', on: 'off', when: '2025-06-21T08:30:00Z', n: '1_000', plain: 'hello', num: 3 };
    const out = await exportDocument({ value, program: analyzeProgram(value), recipe: [{ layer: 'json', options: {} }], appliedOps: [] }, { syntax: 'yaml' });
    const text = new TextDecoder().decode(out.bytes);
    expect(text).toBe('---\nanswer: "yes"\n"on": "off"\nwhen: "2025-06-21T08:30:00Z"\n"n": "1_000"\nplain: hello\nnum: 3\n');
  });

  it('writes JSON from another syntax in the style of the DSPy version that made the program', async () => {
    const src = await open('fixtures/programs/dspy-era-c.json');
    const asYaml = await exportDocument(src, { syntax: 'yaml' });
    const yamlSrc = await decodeBytes(asYaml.bytes);
    const program = analyzeProgram(yamlSrc.value, { recipe: yamlSrc.recipe });
    const back = await exportDocument({ value: yamlSrc.value, program, recipe: yamlSrc.recipe, sourceText: yamlSrc.text, appliedOps: [] }, { syntax: 'json' });
    const text = new TextDecoder().decode(back.bytes);
    // Era C is DSPy 2.5.x: ujson, indent 2, ASCII escapes, no trailing newline.
    expect(program.ecosystem).toBe('dspy');
    expect(text.endsWith('}')).toBe(true);
    expect(text.startsWith('{\n  "')).toBe(true);
    const compact = await exportDocument(src, { jsonStyle: 'compact' });
    expect(new TextDecoder().decode(compact.bytes)).not.toContain('\n');
  });

  it('converts DSPy state to the envelope and back, each passing its schema', async () => {
    const src = await open('fixtures/programs/dspy-era-f.json');
    const env = await exportDocument(src, { target: 'envelope', now: '2025-01-01T00:00:00Z' });
    const envValue = (await decodeBytes(env.bytes)).value;
    expect(validateValue(envValue, envelopeSchema)).toEqual([]);
    const envProgram = analyzeProgram(envValue);
    expect(envProgram.format).toBe('envelope');
    expect(envProgram.modules.map((m) => m.id)).toEqual(src.program.modules.filter((m) => m.signature?.fields.length).map((m) => m.id));
    const back = await exportDocument({ value: envValue, program: envProgram, recipe: env.recipe, appliedOps: [] }, { target: 'dspy' });
    const dspyValue = (await decodeBytes(back.bytes)).value;
    expect(validateValue(dspyValue, dspyStateSchema('F'))).toEqual([]);
    const again = analyzeProgram(dspyValue);
    expect(again.format).toBe('dspy-state');
    for (const m of envProgram.modules) {
      const before = src.program.modules.find((x) => x.id === m.id)!;
      const after = again.modules.find((x) => x.id === m.id)!;
      expect(after.demoCount).toBe(before.demoCount);
      expect(after.signature?.instructions).toBe(before.signature?.instructions);
    }
  });

  it('every syntax × compression round-trips a real program to the same model', async () => {
    const sources = await Promise.all(
      ['fixtures/programs/dspy-era-f.json', 'fixtures/programs/envelope-1.1.0.json', 'fixtures/programs/dspy-era-a.json'].map(open),
    );
    for (const src of sources) {
      for (const syntax of SYNTAXES) {
        for (const compression of COMPRESSIONS) {
          const out = await exportDocument(src, { syntax, compression, level: 6 });
          const doc = await decodeBytes(out.bytes);
          expect(doc.recipe.map((s) => s.layer)).toEqual([...(compression === 'none' ? [] : [compression]), syntax]);
          expect(deepEqual(doc.value, src.value)).toBe(true);
          const program = analyzeProgram(doc.value, { recipe: doc.recipe });
          expect(program.modules).toEqual(src.program.modules);
        }
      }
    }
  });

  it('property: any JSON-like value round-trips through every syntax × compression', async () => {
    const key = fc.string({ minLength: 1, maxLength: 8 }).filter((k) => k !== '__proto__' && !k.startsWith(':'));
    const leaf = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
    const tree = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.array(tie('node'), { maxLength: 4 }),
        fc.dictionary(key, tie('node'), { maxKeys: 4 }),
      ),
    })).node;
    const root = fc.dictionary(key, tree, { minKeys: 1, maxKeys: 5 });
    // Raw deflate at level 0 is refused up front (see below); every other pair is fair game.
    const combo = fc
      .tuple(fc.constantFrom(...SYNTAXES), fc.constantFrom(...COMPRESSIONS), fc.integer({ min: 0, max: 9 }))
      .filter(([, c, l]) => !(c === 'deflate-raw' && l === 0));
    await fc.assert(
      fc.asyncProperty(root, combo, async (value, [syntax, compression, level]) => {
        const program = analyzeProgram(value);
        // exportDocument itself decodes and compares; a mismatch throws.
        const out = await exportDocument(
          { value, program, recipe: [{ layer: 'json', options: {} }], appliedOps: [] },
          { syntax, compression, level, redactSecrets: false },
        );
        const doc = await decodeBytes(out.bytes);
        return deepEqual(doc.value, value);
      }),
      { numRuns: 150 },
    );
  });
});
