import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSignatureString, renderField, replaceFieldText } from './signature-string';

describe('signature strings', () => {
  it('parses names, types, optional marks, descriptions and bracketed types', () => {
    const s = parseSignatureString('document: string, max_length?: int, tags: List[str, int] -> summary: string "short, plain", extra: float?');
    expect(s?.fields.map((f) => [f.name, f.role, f.type, f.optional, f.description ?? null])).toEqual([
      ['document', 'input', 'string', false, null],
      ['max_length', 'input', 'int', true, null],
      ['tags', 'input', 'List[str, int]', false, null],
      ['summary', 'output', 'string', false, 'short, plain'],
      ['extra', 'output', 'float', true, null],
    ]);
  });

  it('a bare name is a string field, and needs exactly one arrow', () => {
    expect(parseSignatureString('text -> sentiment: string')?.fields[0]).toMatchObject({ name: 'text', type: 'string', typeWritten: false });
    expect(parseSignatureString('a -> b -> c')).toBeUndefined();
    expect(parseSignatureString('no arrow')).toBeUndefined();
    expect(parseSignatureString('a -> b "x -> y"')?.fields[1]?.description).toBe('x -> y');
  });

  it('editing one field rewrites only its span', () => {
    const raw = 'question:  string ,context: list -> answer: string';
    const s = parseSignatureString(raw);
    const f = s?.fields[1];
    if (!s || !f) throw new Error('parse failed');
    expect(replaceFieldText(s, 1, { ...f, description: 'docs' })).toBe('question:  string ,context: list "docs" -> answer: string');
  });

  it('property: a rendered field parses back to itself', () => {
    const ident = fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/);
    fc.assert(
      fc.property(
        ident,
        fc.constantFrom('string', 'int', 'List[str]'),
        fc.boolean(),
        fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ,]{0,10}[A-Za-z0-9]$/),
        (name, type, optional, description) => {
          const rendered = renderField({ name, nameInferred: false, role: 'output', type, optional, description, start: 0, end: 0, typeWritten: true });
          const back = parseSignatureString(`x -> ${rendered}`)?.fields[1];
          expect(back).toMatchObject({ name, type, optional, description });
        },
      ),
    );
  });
});
