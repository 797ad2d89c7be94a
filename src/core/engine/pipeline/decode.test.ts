import { describe, expect, it } from 'vitest';
import { deflateSync, gzipSync, zlibSync } from 'fflate';
import { decodeBytes } from './decode.ts';
import { encodeDocument } from './encode.ts';
import { readRepoFile } from '../../../test-support/real-fixtures.ts';
import { FormatError } from '../errors.ts';
import { LayerRegistry, BUILTIN_LAYERS, defaultRegistry } from '../layers/registry.ts';
import { recipeFor } from '../layers/recipe.ts';
import { encryptRaw } from '../crypto/aes-gcm-raw.ts';

const fixture = (name: string) => readRepoFile(`fixtures/formats/${name}`);
const enc = new TextEncoder();

async function failure(p: Promise<unknown>): Promise<FormatError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(FormatError);
    return e as FormatError;
  }
  throw new Error('expected a FormatError');
}

describe('decodeBytes on the format fixtures', () => {
  it('opens a zlib stream named .gz as zlib → json', async () => {
    const doc = await decodeBytes(fixture('program.json.gz'), { name: 'program.json.gz' });
    expect(doc.recipe.map((s) => s.layer)).toEqual(['zlib', 'json']);
    expect((doc.value as { program: { class: string } }).program.class).toBe('QAPipeline');
  });

  it('opens a gzip stream named .json, keeping its header fields', async () => {
    const doc = await decodeBytes(fixture('gzip-named.json'), { name: 'gzip-named.json' });
    expect(doc.recipe.map((s) => s.layer)).toEqual(['gzip', 'json']);
    expect(doc.recipe[0]?.options).toMatchObject({ mtime: 1_700_000_000, os: 3 });
    expect(doc.decodedBytes).toBeGreaterThan(doc.inputBytes);
  });

  it('opens gzipped MessagePack and raw deflate', async () => {
    const mp = await decodeBytes(fixture('envelope.msgpack.gz'));
    expect(mp.recipe.map((s) => s.layer)).toEqual(['gzip', 'msgpack']);
    const raw = await decodeBytes(fixture('envelope.json.deflate'));
    expect(raw.recipe.map((s) => s.layer)).toEqual(['deflate-raw', 'json']);
    expect(raw.value).toEqual(mp.value);
  });

  it('opens YAML with Ruby symbol keys, keeping the keys as written', async () => {
    const doc = await decodeBytes(fixture('envelope-ruby.yaml'));
    expect(doc.syntax).toBe('yaml');
    const v = doc.value as Record<string, Record<string, unknown>>;
    expect(v[':version']).toBe('1.0.0');
    expect(v[':program']?.[':name']).toBe(':chain_of_thought');
    expect(doc.recipe[0]?.options).toMatchObject({ rubySymbols: true, documentStart: true, indentSeq: false });
  });

  it('re-encodes Ruby-symbol YAML from the value with the symbols and --- intact', async () => {
    const doc = await decodeBytes(fixture('envelope-ruby.yaml'));
    const out = new TextDecoder().decode(await encodeDocument({ value: doc.value, recipe: doc.recipe }));
    expect(out.startsWith('---\n:version: 1.0.0\n')).toBe(true);
    expect(out).toContain(':name: :chain_of_thought');
    expect((await decodeBytes(enc.encode(out))).value).toEqual(doc.value);
  });

  it('opens JSON with a BOM and writes the BOM back', async () => {
    const bytes = fixture('bom.json');
    const doc = await decodeBytes(bytes);
    expect(doc.syntax).toBe('json');
    expect(doc.recipe[0]?.options.bom).toBe(true);
    const out = await encodeDocument({ value: doc.value, recipe: doc.recipe, source: { text: doc.text as string } });
    expect(out).toEqual(bytes);
  });

  it('reports a truncated gzip with the byte offset', async () => {
    const e = await failure(decodeBytes(fixture('truncated.json.gz')));
    expect(e.code).toBe('truncated');
    expect(e.layer).toBe('gzip');
    expect(e.offset).toBe(300);
    expect(e.message).toMatch(/gzip stream ends early at byte 300 of 300/);
  });

  it('calls random bytes maybe-encrypted and short junk unknown-format', async () => {
    const e = await failure(decodeBytes(fixture('random.bin')));
    expect(e.code).toBe('maybe-encrypted');
    expect(e.message).toMatch(/This may be encrypted: enter a key/);
    const plain = await failure(decodeBytes(enc.encode('just some prose, nothing structured')));
    expect(plain.code).toBe('unknown-format');
  });

  it('reads a lone 0x80 as an empty MessagePack map', async () => {
    const doc = await decodeBytes(fixture('empty-map.msgpack'));
    expect(doc.syntax).toBe('msgpack');
    expect(doc.value).toEqual({});
  });

  it('tells a pickle (0x80 <protocol>) from an empty MessagePack map (a lone 0x80)', async () => {
    const bytes = fixture('pickle-like.bin');
    // Without the pickle layer nothing else claims the bytes: MessagePack does not take a pickle head.
    const withoutPickle = new LayerRegistry(BUILTIN_LAYERS.filter((l) => l.id !== 'pickle'));
    const without = await failure(decodeBytes(bytes, { registry: withoutPickle }));
    expect(['unknown-format', 'corrupt', 'maybe-encrypted']).toContain(without.code);
    const ranked = defaultRegistry.rank(bytes).map((c) => c.layer.id);
    expect(ranked[0]).toBe('pickle');
    // This head's FRAME claims more bytes than follow: the pickle layer owns the bytes and says so.
    expect(await failure(decodeBytes(bytes))).toMatchObject({ layer: 'pickle', code: 'truncated' });
    expect((await decodeBytes(new Uint8Array([0x80]))).syntax).toBe('msgpack');
  });

  it('prefers JSON when text parses as JSON, YAML otherwise, and the .yaml name breaks the tie for flow YAML', async () => {
    expect((await decodeBytes(enc.encode('{"a": [1, 2]}'))).syntax).toBe('json');
    expect((await decodeBytes(enc.encode('a: 1\nb: [1, 2]\n'))).syntax).toBe('yaml');
    expect((await decodeBytes(enc.encode('{a: 1}'), { name: 'x.yaml' })).syntax).toBe('yaml');
    const e = await failure(decodeBytes(enc.encode('{a: 1}')));
    expect(e.layer).toBe('json');
  });

  it('reads YAML written mostly in two-byte UTF-8 (Cyrillic, Latin-1 supplement) as YAML by its bytes alone', async () => {
    const cyrillic = 'инструкции: Ответь кратко и по существу, пожалуйста\nвопрос: Какая столица Франции?\n';
    expect((await decodeBytes(enc.encode(cyrillic))).value).toEqual({
      инструкции: 'Ответь кратко и по существу, пожалуйста',
      вопрос: 'Какая столица Франции?',
    });
    const controls = '---\n"_\u0096\u0096\u0096\u0096\u0096\u0096": 1\n';
    expect((await decodeBytes(enc.encode(controls))).syntax).toBe('yaml');
  });

  it('accepts a zlib header only with a valid check, and "x^" text is not zlib', async () => {
    const z = zlibSync(enc.encode('{"k": 1}'));
    expect((((z[0] as number) << 8) | (z[1] as number)) % 31).toBe(0);
    expect((await decodeBytes(z)).recipe[0]?.layer).toBe('zlib');
    const broken = z.slice();
    broken[1] = (broken[1] as number) ^ 1;
    const e = await failure(decodeBytes(broken));
    expect(e.code).not.toBe('internal');
    const text = await decodeBytes(enc.encode('x^: 1\ny: 2\n'));
    expect(text.syntax).toBe('yaml');
  });

  it('reports JSON syntax errors with line, column and byte', async () => {
    const text = '{\n  "a": 1,\n  "b": 2\n  "c": 3\n}';
    const e = await failure(decodeBytes(enc.encode(text)));
    expect(e.code).toBe('syntax');
    expect(e.message).toBe("JSON syntax error at line 4, column 3 (byte 23): expected ',' or '}'.");
    expect(e.offset).toBe(23);
  });

  it('keeps __proto__ and constructor as own data keys in JSON, YAML and MessagePack', async () => {
    const json = await decodeBytes(enc.encode('{"__proto__": {"polluted": 1}, "constructor": {"x": 1}}'));
    const yaml = await decodeBytes(enc.encode('__proto__:\n  polluted: 1\nconstructor:\n  x: 1\n'));
    const mp = await decodeBytes(
      new Uint8Array([
        0x82,
        0xa9,
        ...enc.encode('__proto__'),
        0x81,
        0xa8,
        ...enc.encode('polluted'),
        0x01,
        0xab,
        ...enc.encode('constructor'),
        0x81,
        0xa1,
        0x78,
        0x01,
      ]),
    );
    for (const doc of [json, yaml, mp]) {
      const v = doc.value as Record<string, unknown>;
      expect(Object.keys(v)).toEqual(['__proto__', 'constructor']);
      expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
      expect(Object.getOwnPropertyDescriptor(v, '__proto__')?.value).toEqual({ polluted: 1 });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });

  it('enforces depth, key and string limits with a JSON path', async () => {
    const deep = '['.repeat(50) + ']'.repeat(50);
    const e = await failure(decodeBytes(enc.encode(deep), { limits: { maxDepth: 10 } }));
    expect(e).toMatchObject({ code: 'limit', layer: 'json', path: '/0/0/0/0/0/0/0/0/0/0' });
    const keys = await failure(decodeBytes(enc.encode('{"a": {"b": [1, 2, 3, 4]}}'), { limits: { maxKeys: 3 } }));
    expect(keys).toMatchObject({ code: 'limit', path: '/a/b' });
    const str = await failure(decodeBytes(enc.encode('a: [x, "' + 'y'.repeat(40) + '"]\n'), { limits: { maxStringLength: 20 } }));
    expect(str).toMatchObject({ code: 'limit', layer: 'yaml', path: '/a/1' });
    const mp = await failure(decodeBytes(new Uint8Array([0x91, 0x91, 0x91, 0x90]), { limits: { maxDepth: 2 } }));
    expect(mp).toMatchObject({ code: 'limit', layer: 'msgpack', path: '/0/0' });
  });

  it('stops a decompression bomb at the output cap and at the ratio cap', async () => {
    const zeros = new Uint8Array(32 * 1024 * 1024);
    const bomb = gzipSync(zeros, { level: 9 });
    const e = await failure(decodeBytes(bomb, { limits: { maxOutputBytes: 8 * 1024 * 1024 } }));
    expect(e).toMatchObject({ code: 'limit', layer: 'gzip' });
    const r = await failure(decodeBytes(deflateSync(zeros, { level: 9 }), { limits: { maxRatio: 100 } }));
    expect(r.code).toBe('limit');
    expect(r.message).toMatch(/decompression bomb/);
  });

  it('reports progress per layer and stops when cancelled', async () => {
    const big = gzipSync(enc.encode(JSON.stringify({ items: Array.from({ length: 40000 }, (_, i) => ({ i, s: 'x' + i })) })));
    const stages = new Set<string>();
    await decodeBytes(big, { onProgress: (p) => stages.add(p.stage) });
    expect([...stages]).toEqual(['gzip', 'json']);
    const controller = new AbortController();
    const e = await failure(
      decodeBytes(big, {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.stage === 'gzip') controller.abort();
        },
      }),
    );
    expect(e.code).toBe('cancelled');
  });

  it('encodes to another recipe and back', async () => {
    const doc = await decodeBytes(fixture('envelope.json'));
    for (const spec of [
      { syntax: 'yaml', compression: 'zlib' },
      { syntax: 'msgpack', compression: 'gzip' },
      { syntax: 'json', compression: 'deflate-raw', level: 1 },
    ] as const) {
      const bytes = await encodeDocument({ value: doc.value, recipe: recipeFor(spec) });
      const back = await decodeBytes(bytes);
      expect(back.recipe.map((s) => s.layer)).toEqual(spec.compression === 'deflate-raw' ? ['deflate-raw', 'json'] : [spec.compression, spec.syntax]);
      expect(back.value).toEqual(doc.value);
    }
  });
  it.runIf(typeof DecompressionStream === 'function')('gives the same results through the native DecompressionStream, with exact errors', async () => {
    const a = await decodeBytes(fixture('gzip-named.json'), { engine: 'native' });
    const b = await decodeBytes(fixture('gzip-named.json'), { engine: 'fflate' });
    expect(a.value).toEqual(b.value);
    const e = await failure(decodeBytes(fixture('truncated.json.gz'), { engine: 'native' }));
    expect(e).toMatchObject({ code: 'truncated', layer: 'gzip', offset: 300 });
    const bomb = await failure(decodeBytes(gzipSync(new Uint8Array(16 * 1024 * 1024)), { engine: 'native', limits: { maxOutputBytes: 4 * 1024 * 1024 } }));
    expect(bomb.code).toBe('limit');
  });
  it('reports a gzip stream whose trailer is cut off as truncated, whichever engine inflates it', async () => {
    const gz = gzipSync(new TextEncoder().encode(JSON.stringify({ demos: ['a'.repeat(500), 'b'.repeat(500)] })));
    for (const engine of ['fflate', 'native'] as const) {
      if (engine === 'native' && typeof DecompressionStream !== 'function') continue;
      const e = await failure(decodeBytes(gz.subarray(0, gz.length - 8), { engine }));
      expect(e, engine).toMatchObject({ code: 'truncated', layer: 'gzip' });
    }
  });
});

describe('ciphertext whose random IV happens to start like another format', () => {
  const key = new Uint8Array(32).fill(7);
  const plain = enc.encode(JSON.stringify({ instructions: 'x'.repeat(400), demos: [1, 2, 3] }));
  // Each IV start is some layer's magic: 2 in 256 files start with `{` or `[`, about 1 in 8,000 with a zlib header.
  const starts = [[0x7b], [0x5b], [0x78, 0x9c], [0x78, 0xda], [0x1f, 0x8b, 0x08, 0x00], [0x80, 0x04, 0x95]];

  async function fileStartingWith(prefix: number[]): Promise<Uint8Array> {
    const iv = new Uint8Array(12).fill(0xa5);
    iv.set(prefix);
    return encryptRaw(plain, key, 'iv-ct-tag', iv);
  }

  it.each(starts.map((s) => [s.map((b) => b.toString(16).padStart(2, '0')).join(' '), s] as const))('%s… opens with its key', async (_, prefix) => {
    const file = await fileStartingWith(prefix);
    expect(defaultRegistry.rank(file)[0]?.layer.kind).not.toBe('encryption');
    const doc = await decodeBytes(file, { credentials: { key } });
    expect(doc.recipe.map((s) => s.layer)).toEqual(['aes-gcm', 'json']);
    expect(doc.value).toEqual(JSON.parse(new TextDecoder().decode(plain)));
  });

  it('asks for a key when none is given, saying what the mistaken claim found', async () => {
    for (const prefix of starts.slice(0, 4)) {
      const e = await failure(decodeBytes(await fileStartingWith(prefix)));
      expect(e.code).toBe('maybe-encrypted');
    }
    // gzip's whole magic by chance is 1 file in 16 million: a broken gzip is far likelier, and is told as one.
    expect((await failure(decodeBytes(await fileStartingWith([0x1f, 0x8b, 0x08, 0x00])))).layer).toBe('gzip');
    const zlibLike = await failure(decodeBytes(await fileStartingWith([0x78, 0x9c])));
    expect(zlibLike.message).toMatch(/do not read as zlib \(zlib data is corrupt near byte \d+.*\)\. This may be encrypted: enter a key\./);
  });

  it('still reports a broken JSON text as JSON, and a cut gzip as cut', async () => {
    expect((await failure(decodeBytes(enc.encode('{"a": 1,, "b": 2}')))).layer).toBe('json');
    const gz = gzipSync(enc.encode(JSON.stringify({ v: Array.from({ length: 3000 }, (_, i) => (i * 7919) % 10007) })));
    expect((await failure(decodeBytes(gz.subarray(0, gz.length >> 1)))).code).toBe('truncated');
  });
});
