/**
 * Hostile and random input: every decoder ends in a value or a FormatError, never another
 * exception or a hang; every layer round-trips random JSON-like values.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FormatError } from '../errors.ts';
import { withLimits } from '../limits.ts';
import { BUILTIN_LAYERS } from './registry.ts';
import { isSyntaxLayer, type LayerContext } from './layer.ts';
import { decodeBytes } from '../pipeline/decode.ts';
import { encodeDocument } from '../pipeline/encode.ts';
import { recipeFor, type CompressionId } from './recipe.ts';
import { readRepoFile } from '../../../test-support/real-fixtures.ts';

const ctx: LayerContext = { limits: withLimits({ maxOutputBytes: 4 * 1024 * 1024 }) };
const samples = [
  'envelope.json',
  'program.json.gz',
  'gzip-named.json',
  'envelope.msgpack',
  'envelope.msgpack.gz',
  'envelope.json.deflate',
  'envelope-ruby.yaml',
].map((n) => readRepoFile(`fixtures/formats/${n}`));

async function endsWell(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (e) {
    if (!(e instanceof FormatError)) throw e;
    expect(e.code).not.toBe('internal');
  }
}

const mutated = fc
  .tuple(fc.constantFrom(...samples), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }), fc.option(fc.nat()))
  .map(([base, flips, cut]) => {
    const b = base.slice();
    for (const [at, v] of flips) b[at % b.length] = v;
    return cut === null ? b : b.subarray(0, cut % (b.length + 1));
  });

describe('decoders under random and mutated bytes', () => {
  it('decodeBytes: value or FormatError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 600 }), mutated), (bytes) =>
        endsWell(decodeBytes(bytes, { limits: { maxOutputBytes: 4 * 1024 * 1024 } })),
      ),
      { numRuns: 400 },
    );
  });

  for (const layer of BUILTIN_LAYERS) {
    it(`${layer.id}.decode and sniff: value or FormatError`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 400 }), mutated), async (bytes) => {
          const c = layer.sniff(bytes);
          expect(c >= 0 && c <= 1).toBe(true);
          await endsWell(layer.decode(bytes, ctx));
        }),
        { numRuns: 150 },
      );
    });
  }
});

const jsonLike = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0)),
    fc.boolean(),
    fc.constant(null),
    tie('arr'),
    tie('obj'),
  ),
  arr: fc.array(tie('value'), { maxLength: 5 }),
  obj: fc.dictionary(
    fc.string({ maxLength: 8 }).filter((k) => !/^(0|[1-9][0-9]*)$/.test(k)),
    tie('value'),
    { maxKeys: 5 },
  ),
}));

describe('round trips', () => {
  for (const syntax of ['json', 'yaml', 'msgpack'] as const) {
    for (const compression of ['none', 'gzip', 'zlib', 'deflate-raw'] as CompressionId[]) {
      it(`${compression} → ${syntax}`, async () => {
        await fc.assert(
          fc.asyncProperty(jsonLike.obj, async (value) => {
            const bytes = await encodeDocument({ value, recipe: recipeFor({ syntax, compression }) });
            const layer = BUILTIN_LAYERS.find((l) => l.id === syntax);
            expect(layer && isSyntaxLayer(layer)).toBe(true);
            // Decode with the exact recipe's layers, so weakly-sniffed raw deflate is tested too.
            let inner = bytes;
            if (compression !== 'none')
              inner = (
                await (
                  BUILTIN_LAYERS.find((l) => l.id === compression) as { decode: (b: Uint8Array, c: LayerContext) => Promise<{ bytes: Uint8Array }> }
                ).decode(bytes, ctx)
              ).bytes;
            const back = await (layer as { decode: (b: Uint8Array, c: LayerContext) => Promise<{ value: unknown }> }).decode(inner, ctx);
            expect(back.value).toEqual(value);
          }),
          { numRuns: 60 },
        );
      });
    }
  }
});

describe('bombs', () => {
  it('a generated 64 MB-of-zeros gzip ends in a typed limit error at the output cap', async () => {
    const { Gzip } = await import('fflate');
    const parts: Uint8Array[] = [];
    const gz = new Gzip({ level: 1 }, (c) => parts.push(c));
    const zeros = new Uint8Array(1024 * 1024);
    for (let i = 0; i < 64; i++) gz.push(zeros, i === 63);
    const bomb = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      bomb.set(p, at);
      at += p.length;
    }
    // A typed limit, not a clock: how fast it stops is the benchmark's to measure (npm run bench).
    const e = await decodeBytes(bomb, { limits: { maxOutputBytes: 8 * 1024 * 1024 } }).then(
      () => undefined,
      (err: unknown) => err as { code: string; layer: string; offset?: number },
    );
    expect(e).toMatchObject({ code: 'limit', layer: 'gzip' });
  });
});
