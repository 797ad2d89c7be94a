import { describe, expect, it } from 'vitest';
import { gzipSync } from 'fflate';
import { decodeBytes } from './decode.ts';
import { encodeDocument } from './encode.ts';

const enc = new TextEncoder();
// U+2019 makes the whole text a two-byte string once decoded: the case where bytes are half the size.
const text = '\ufeff{\n  "answer": "it’s “quoted” — and long",\n  "n": 1.0\n}\n';
const file = gzipSync(enc.encode(text));

describe("decodeBytes({ keepText: 'bytes' })", () => {
  it('keeps the UTF-8 bytes the text came from and decodes the text only when it is read', async () => {
    const doc = await decodeBytes(file, { keepText: 'bytes' });
    expect(doc.recipe.map((s) => s.layer)).toEqual(['gzip', 'json']);
    expect(Buffer.from(doc.source!).equals(Buffer.from(enc.encode(text)))).toBe(true);
    const held = Object.getOwnPropertyDescriptor(doc, 'text');
    expect(held?.get).toBeTypeOf('function');
    expect(held && 'value' in held).toBe(false);
    expect(doc.text).toBe(text);
    expect(doc.value).toEqual({ answer: 'it’s “quoted” — and long', n: 1 });
  });

  it('writes an untouched document back byte for byte, and an edited one with only the edit changed', async () => {
    const doc = await decodeBytes(file, { keepText: 'bytes' });
    const same = await encodeDocument({ value: doc.value, recipe: doc.recipe, source: { text: doc.text! } });
    const again = await decodeBytes(same);
    expect(again.text).toBe(text);
    const edited = await encodeDocument({
      value: doc.value,
      recipe: doc.recipe,
      source: { text: doc.text!, ops: [{ op: 'replace', path: '/answer', value: 'no' }] },
    });
    expect((await decodeBytes(edited)).text).toBe('\ufeff{\n  "answer": "no",\n  "n": 1.0\n}\n');
  });

  it('does the same for YAML', async () => {
    const yaml = 'answer: it’s here\nn: 1.0\n';
    const doc = await decodeBytes(enc.encode(yaml), { keepText: 'bytes', name: 'p.yaml' });
    expect(doc.syntax).toBe('yaml');
    expect(doc.source).toBeInstanceOf(Uint8Array);
    expect(doc.text).toBe(yaml);
  });

  it('holds the text as a string by default', async () => {
    const doc = await decodeBytes(file);
    expect(doc.source).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(doc, 'text')?.value).toBe(text);
  });
});
