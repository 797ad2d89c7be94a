import { describe, expect, it } from 'vitest';
import { applyPatch, deepClone, type Operation } from 'fast-json-patch';
import fc from 'fast-check';
import { patchJsonText } from './patch-json-text.ts';
import { detectJsonStyle, DSPY_JSON_STYLES } from './json-style.ts';
import { stringifyJson } from './stringify-json.ts';
import type { Operation as JsonPatchOperation } from '../json-patch.ts';

const doc = `{
  "a": {
    "temperature": 1.0,
    "demos": [
      {"q": "x"},
      {"q": "y"}
    ]
  },
  "b": [],
  "c": {},
  "url": "http:\\/\\/example.com"
}`;

function check(text: string, ops: JsonPatchOperation[]): string {
  const out = patchJsonText(text, ops, detectJsonStyle(text));
  const expected = applyPatch(deepClone(JSON.parse(text)), ops as Operation[]).newDocument;
  expect(JSON.parse(out)).toEqual(expected);
  return out;
}

describe('patchJsonText', () => {
  it('replaces one value and leaves every other byte alone (1.0 and \\/ survive)', () => {
    const out = check(doc, [{ op: 'replace', path: '/a/demos/1/q', value: 'z' }]);
    expect(out).toBe(doc.replace('{"q": "y"}', '{"q": "z"}'));
  });

  it('adds to objects, empty containers and arrays (append, insert) in the file style', () => {
    const out = check(doc, [
      { op: 'add', path: '/c/k', value: [1, 'a/b'] },
      { op: 'add', path: '/b/-', value: { n: 1 } },
      { op: 'add', path: '/a/demos/0', value: 'first' },
      { op: 'add', path: '/a/new', value: 2 },
    ]);
    expect(out).toContain('"c": {\n    "k": [\n      1,\n      "a\\/b"\n    ]\n  }');
    expect(out).toContain('"b": [\n    {\n      "n": 1\n    }\n  ]');
    expect(out).toContain('"demos": [\n      "first",\n      {"q": "x"}');
    expect(out).toContain('"temperature": 1.0');
  });

  it('removes first, middle, last and only members', () => {
    check(doc, [{ op: 'remove', path: '/a/demos/0' }]);
    check(doc, [{ op: 'remove', path: '/a/demos/1' }]);
    check(doc, [{ op: 'remove', path: '/url' }]);
    const out = check(doc, [
      { op: 'remove', path: '/a/demos/0' },
      { op: 'remove', path: '/a/demos/0' },
    ]);
    expect(out).toContain('"demos": []');
  });

  it('moves and copies value text as written (lexemes kept), re-indented', () => {
    const out = check(doc, [
      { op: 'copy', from: '/a/temperature', path: '/c/t' },
      { op: 'move', from: '/a/demos', path: '/b/0' },
    ]);
    expect(out).toContain('"t": 1.0');
    expect(out).toContain('"b": [\n    [\n      {"q": "x"},\n      {"q": "y"}\n    ]\n  ]');
  });

  it('rejects paths that are not there with a typed error', () => {
    expect(() => patchJsonText(doc, [{ op: 'replace', path: '/nope/x', value: 1 }])).toThrow(/Nothing at \/nope\/x/);
    expect(() => patchJsonText(doc, [{ op: 'add', path: '/a/demos/9', value: 1 }])).toThrow(/out of range/);
  });

  it('applies many independent replaces in one pass', () => {
    const big = stringifyJson({ items: Array.from({ length: 500 }, (_, i) => ({ i, s: 's' + i })) }, DSPY_JSON_STYLES.orjson);
    const ops: JsonPatchOperation[] = [5, 400, 77].map((i) => ({ op: 'replace', path: `/items/${i}/s`, value: 'edited' }));
    const out = check(big, ops);
    const changed = out.split('\n').filter((l, k) => l !== big.split('\n')[k]);
    expect(changed).toEqual(['      "s": "edited"', '      "s": "edited"', '      "s": "edited"']);
  });

  it('finds one value in a 20 MB text without a syntax tree, quickly', () => {
    const big = '{"pad": [' + '"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",'.repeat(300_000) + '0], "last": {"v": 1}}';
    const t0 = performance.now();
    const out = patchJsonText(big, [{ op: 'replace', path: '/last/v', value: 2 }]);
    expect(performance.now() - t0).toBeLessThan(1500);
    expect(out.endsWith('"last": {"v": 2}}')).toBe(true);
    expect(out.length).toBe(big.length);
  });

  it('matches fast-json-patch on random add/replace/remove sequences', () => {
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.integer(), fc.string(), fc.boolean(), fc.constant(null), tie('arr'), tie('obj')),
      arr: fc.array(tie('value'), { maxLength: 4 }),
      obj: fc.dictionary(fc.string({ maxLength: 5 }), tie('value'), { maxKeys: 4 }),
    }));
    fc.assert(
      fc.property(json.obj, fc.constantFrom('  ', '    ', ''), fc.integer({ min: 0, max: 1000 }), (value, indent, seed) => {
        const text = stringifyJson(value, { ...DSPY_JSON_STYLES.ujsonUtf8, indent, keySeparator: indent ? ': ' : ':' });
        const keys = Object.keys(value);
        const key = keys[seed % Math.max(keys.length, 1)];
        const ops: JsonPatchOperation[] = [{ op: 'add', path: '/new~1key', value: { n: seed } }];
        if (key !== undefined)
          ops.push(
            seed % 2
              ? { op: 'remove', path: '/' + key.replace(/~/g, '~0').replace(/\//g, '~1') }
              : { op: 'replace', path: '/' + key.replace(/~/g, '~0').replace(/\//g, '~1'), value: [seed] },
          );
        check(text, ops);
      }),
      { numRuns: 200 },
    );
  });
});

describe('detectJsonStyle + stringifyJson', () => {
  it('reproduces each DSPy writer exactly', () => {
    const value = { p: { demos: [{ q: 'a/b ’ é', n: 3 }], empty: [], o: {} }, t: 0.5 };
    for (const style of Object.values(DSPY_JSON_STYLES)) {
      const text = stringifyJson(value, style);
      expect(stringifyJson(JSON.parse(text), detectJsonStyle(text))).toBe(text);
    }
    expect(stringifyJson(value, DSPY_JSON_STYLES.ujsonAscii)).toContain('"a\\/b \\u2019 \\u00e9"');
    expect(stringifyJson(value, DSPY_JSON_STYLES.orjson).endsWith('}\n')).toBe(true);
  });

  it('keeps number lexemes JavaScript would change (1.0, 1e-05, big integers)', () => {
    const text = '{\n  "t": 1.0,\n  "eps": 1e-05,\n  "big": 12345678901234567890,\n  "list": [\n    2.50,\n    3\n  ]\n}';
    const style = detectJsonStyle(text);
    expect(stringifyJson(JSON.parse(text), style)).toBe(text);
  });

  it('detects CRLF, compact separators and upper-case hex', () => {
    const crlf = '{\r\n    "a": [\r\n        1\r\n    ]\r\n}\r\n';
    expect(stringifyJson(JSON.parse(crlf), detectJsonStyle(crlf))).toBe(crlf);
    const compact = '{"a": 1, "b": [1, 2], "c": "\\u00E9"}';
    expect(stringifyJson(JSON.parse(compact), detectJsonStyle(compact))).toBe(compact);
  });
});
