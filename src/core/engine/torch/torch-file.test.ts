import { describe, expect, it } from 'vitest';
import { FormatError } from '../errors.ts';
import { fixture, fixtureJson } from '../pickle/fixture-files.test.ts';
import { bytesSource, type ByteSource } from '../byte-source.ts';
import { ELEMENT_SIZE } from './dtypes.ts';
import { tensorPreview } from './tensor-preview.ts';
import { entryDataOffset } from './zip-directory.ts';
import { openTorchFile, type TensorInfo } from './torch-file.ts';

interface Expected {
  layout: string;
  prefix?: string;
  tensors: Array<{
    path: string;
    dtype: string;
    shape: number[];
    stride: number[];
    storageOffset: number;
    device: string;
    storageKey: string;
    parameter: boolean;
    first: unknown[];
    min: number | null;
    max: number | null;
    mean: number | null;
  }>;
}

/** Records every byte range read, so a test can prove storages were not touched. */
function countingSource(bytes: Uint8Array): ByteSource & { reads: Array<[number, number]> } {
  const inner = bytesSource(bytes);
  const reads: Array<[number, number]> = [];
  return {
    size: inner.size,
    reads,
    read: (o, n) => {
      reads.push([o, o + n]);
      return inner.read(o, n);
    },
  };
}

const files = ['torch-state-dict.pt', 'torch-checkpoint-epoch1.pt', 'torch-checkpoint-epoch2.pt', 'torch-module.pt', 'torch-legacy.pt'];

describe('openTorchFile', () => {
  for (const name of files) {
    it(`${name}: lists the tensors Python wrote, without reading their bytes`, () => {
      const expected = fixtureJson(name + '.expected.json') as Expected;
      const src = countingSource(fixture(name));
      const file = openTorchFile(src);
      expect(file.layout).toBe(expected.layout);
      if (expected.prefix) expect(file.prefix).toBe(expected.prefix);
      expect(file.safety.verdict).toBe(name === 'torch-module.pt' ? 'unknown' : 'safe');
      expect(
        file.tensors.map((t) => ({
          path: t.path,
          dtype: t.dtype,
          shape: t.shape,
          stride: t.stride,
          storageOffset: t.storageOffset,
          device: t.device,
          storageKey: t.storageKey,
          parameter: t.parameter,
        })),
      ).toEqual(
        expected.tensors.map((t) => ({
          path: t.path,
          dtype: t.dtype,
          shape: t.shape,
          stride: t.stride,
          storageOffset: t.storageOffset,
          device: t.device,
          storageKey: t.storageKey,
          parameter: t.parameter,
        })),
      );
      // Storage bytes are not read until a preview asks: none for zip, at most the first small
      // read window of a stacked legacy file (whose pickle lengths are not known in advance).
      const readsBefore = [...src.reads];
      const ranges = [...file.storages.values()].map((loc) => {
        const start = loc.entry ? entryDataOffset(src, loc.entry) : (loc.dataOffset as number);
        return [start, start + (loc.entry ? loc.entry.size : loc.ref.numel * ELEMENT_SIZE[loc.ref.dtype as 'float32'])] as const;
      });
      expect(ranges.length).toBe(new Set(expected.tensors.map((t) => t.storageKey)).size);
      let touched = 0;
      for (const [a, b] of readsBefore) for (const [s, e] of ranges) touched += Math.max(0, Math.min(b, e) - Math.max(a, s));
      const total = ranges.reduce((n, [s, e]) => n + e - s, 0);
      if (file.layout === 'zip') expect(touched).toBe(0);
      else {
        expect(total).toBeGreaterThan(256 * 1024);
        expect(touched).toBeLessThan(16 * 1024);
      }
      // Previews agree with Python's values.
      for (const t of expected.tensors) {
        const info = file.tensors.find((x) => x.path === t.path) as TensorInfo;
        const p = tensorPreview(file, info, { count: 4 });
        expect(p.first).toEqual(t.first);
        expect(p.min).toBeCloseTo(t.min as number, 6);
        expect(p.max).toBeCloseTo(t.max as number, 6);
        expect(p.mean).toBeCloseTo(t.mean as number, 6);
      }
    });
  }
  it('names what is not a torch file', () => {
    expect(() => openTorchFile(bytesSource(new TextEncoder().encode('hello')))).toThrow(FormatError);
  });
});

describe('property: damaged torch files end in a FormatError', () => {
  it('mutated and cut zip and legacy files', async () => {
    const fc = (await import('fast-check')).default;
    const { withLimits } = await import('../limits.ts');
    const seeds = ['torch-state-dict.pt', 'torch-legacy.pt', 'torch-module.pt'].map((n) => fixture(n));
    const limits = withLimits({ maxOpcodes: 50_000, maxKeys: 50_000, maxOutputBytes: 4 << 20 });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: seeds.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }),
        fc.option(fc.nat()),
        (i, edits, cut) => {
          const seed = seeds[i] as Uint8Array;
          const b = seed.slice(0, cut === null ? seed.length : cut % (seed.length + 1));
          for (const [at, v] of edits) if (b.length) b[at % b.length] = v;
          try {
            const f = openTorchFile(bytesSource(b), { limits });
            for (const t of f.tensors.slice(0, 3)) tensorPreview(f, t, { limits });
          } catch (e) {
            if (!(e instanceof FormatError)) throw e;
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
