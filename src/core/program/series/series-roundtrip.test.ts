/**
 * Property: a run of random edits on a generated program, written as full snapshots and as base +
 * diffs, reads back as the same program at every checkpoint (key order included); packing into a
 * zip and unpacking round-trips; a diff corrupted at any one checkpoint is reported there, and the
 * checkpoints before it still load.
 */
import fc from 'fast-check';
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { materialiseSeries } from './materialise-series';
import { packSeries } from './pack-series';
import { readSeries } from './read-series';
import type { Checkpoint } from './series-types';
import { seriesMembers } from './unpack-series';

type Obj = Record<string, unknown>;
type Module = { demos: Obj[]; signature: { instructions: string; fields: Obj[] } };

const text = fc.string({ maxLength: 10 });
const demo = fc.record({ question: text, answer: text });
const moduleArb = fc.record({
  demos: fc.array(demo, { maxLength: 3 }),
  signature: fc.record({ instructions: text, fields: fc.constant([{ prefix: 'Question:' }, { prefix: 'Answer:' }]) }),
});
// Module names include JSON Pointer's special characters on purpose.
const name = fc.oneof(fc.constantFrom('gen.predict', 'a/b', 'x~y', 'q[0]'), fc.string({ minLength: 1, maxLength: 6 }));
const programArb = fc.dictionary(name, moduleArb, { minKeys: 1, maxKeys: 3 }).map((mods) => ({ ...mods, metadata: { optimization_score: 0 } }) as Obj);

type EditFn = (p: Obj) => void;
const modIds = (p: Obj) => Object.keys(p).filter((k) => k !== 'metadata');
const pick = <T>(xs: T[], i: number): T | undefined => (xs.length === 0 ? undefined : xs[i % xs.length]);
const modAt = (p: Obj, i: number) => {
  const id = pick(modIds(p), i);
  return id === undefined ? undefined : (p[id] as Module);
};

const edit: fc.Arbitrary<EditFn> = fc.oneof(
  fc.tuple(fc.nat(), text).map(([i, s]): EditFn => (p) => {
    const m = modAt(p, i);
    if (m) m.signature.instructions = s;
  }),
  fc.tuple(fc.nat(), fc.nat(), demo).map(([i, at, d]): EditFn => (p) => {
    const m = modAt(p, i);
    if (m) m.demos.splice(at % (m.demos.length + 1), 0, d);
  }),
  fc.tuple(fc.nat(), fc.nat()).map(([i, at]): EditFn => (p) => {
    const m = modAt(p, i);
    if (m && m.demos.length > 0) m.demos.splice(at % m.demos.length, 1);
  }),
  fc.tuple(fc.nat(), fc.nat(), text).map(([i, at, s]): EditFn => (p) => {
    const m = modAt(p, i);
    const d = m && pick(m.demos, at);
    if (d) d.answer = s;
  }),
  fc.integer({ min: 0, max: 100 }).map((n): EditFn => (p) => {
    (p.metadata as Obj).optimization_score = n / 100;
  }),
  fc.tuple(name, moduleArb).map(([id, m]): EditFn => (p) => {
    if (!(id in p)) p[id] = m;
  }),
  fc.nat().map((i): EditFn => (p) => {
    const id = pick(modIds(p), i);
    if (id !== undefined && modIds(p).length > 1) delete p[id];
  }),
  // A key order change: the diff must replace the object, since key order decides the bytes.
  fc.constant<EditFn>((p) => {
    const ids = modIds(p);
    const first = ids[0];
    if (ids.length > 1 && first !== undefined) {
      const m = p[first];
      delete p[first];
      const meta = p.metadata;
      delete p.metadata;
      p[first] = m;
      p.metadata = meta;
    }
  }),
);

/** Snapshot i is the program after the first i edit groups. */
const runArb = fc.tuple(programArb, fc.array(fc.array(edit, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 })).map(([start, groups]) => {
  const snapshots: Obj[] = [structuredClone(start)];
  for (const group of groups) {
    const next = structuredClone(snapshots[snapshots.length - 1]!);
    for (const f of group) f(next);
    snapshots.push(next);
  }
  return snapshots;
});

const TAGS = [undefined, 'epoch_1', 'best', 'x-2'];
const asCheckpoints = (snapshots: Obj[]): Checkpoint[] =>
  materialiseSeries(
    snapshots.map((value, i) => ({
      name: `run.v${i + 1}`,
      order: i + 1,
      size: 0,
      value,
      ...(TAGS[i % TAGS.length] !== undefined ? { tag: TAGS[i % TAGS.length]! } : {}),
    })),
  );

const same = (cps: Checkpoint[], snapshots: Obj[]) => {
  expect(cps.map((c) => c.error)).toEqual(snapshots.map(() => undefined));
  expect(cps.map((c) => JSON.stringify(c.value))).toEqual(snapshots.map((s) => JSON.stringify(s)));
};

describe('series round trips', () => {
  it('property: full snapshots and base + diffs give the same program at every checkpoint', async () => {
    await fc.assert(
      fc.asyncProperty(runArb, async (snapshots) => {
        const cps = asCheckpoints(snapshots);
        for (const mode of ['snapshots', 'diffs'] as const) {
          const packed = await packSeries(cps, { mode, container: 'files', base: 'run' });
          expect(packed.files.map((f) => f.kind)).toEqual(snapshots.map((_, i) => (mode === 'diffs' && i > 0 ? 'diff' : 'full')));
          // Given in reverse: the names alone put them back in order.
          const read = await readSeries(seriesMembers([...packed.files].reverse()).members);
          same(read, snapshots);
          expect(read.map((c) => c.kind)).toEqual(packed.files.map((f) => f.kind));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('property: pack into one zip, unpack, and every checkpoint, name and tag comes back', async () => {
    await fc.assert(
      fc.asyncProperty(runArb, fc.constantFrom('snapshots' as const, 'diffs' as const), async (snapshots, mode) => {
        const cps = asCheckpoints(snapshots);
        const packed = await packSeries(cps, { mode, container: 'zip', base: 'run' });
        expect(packed.zip?.name).toBe(`run.${mode}.zip`);
        const { base, members } = seriesMembers([{ name: packed.zip!.name, bytes: packed.zip!.bytes }]);
        expect(base).toBe('run');
        expect(members.map((m) => m.tag)).toEqual(cps.map((c) => c.tag));
        expect(members.map((m) => m.name)).toEqual(cps.map((c, i) => `run.v${i + 1}${c.tag ? `.${c.tag}` : ''}`));
        same(await readSeries(members), snapshots);
      }),
      { numRuns: 30 },
    );
  });

  it('property: a corrupted diff is reported at its checkpoint; the ones before still load', async () => {
    await fc.assert(
      fc.asyncProperty(
        runArb.filter((s) => s.length >= 2),
        fc.nat(),
        async (snapshots, at) => {
          const cps = asCheckpoints(snapshots);
          const packed = await packSeries(cps, { mode: 'diffs', container: 'files', base: 'run' });
          const broken = 1 + (at % (packed.files.length - 1));
          const files = packed.files.map((f, i) => {
            if (i !== broken) return f;
            const ops = JSON.parse(new TextDecoder().decode(f.bytes)) as unknown[];
            const bad = { op: 'remove', path: '/no such module/demos/0' };
            return { ...f, bytes: strToU8(JSON.stringify([...ops, bad])) };
          });
          const read = await readSeries(seriesMembers(files).members);
          same(read.slice(0, broken), snapshots.slice(0, broken));
          expect(read[broken]!.value).toBeUndefined();
          const opCount = (JSON.parse(new TextDecoder().decode(packed.files[broken]!.bytes)) as unknown[]).length;
          expect(read[broken]!.error?.operation).toEqual({ index: opCount, op: 'remove', path: '/no such module/demos/0' });
          // Later diffs cannot load without it, and say which checkpoint they wait for.
          for (const later of read.slice(broken + 1)) {
            expect(later.value).toBeUndefined();
            expect(later.error?.message).toMatch(/which could not be loaded/);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a diff first, a file that does not decode, and a full snapshot after a break', () => {
    const cps = materialiseSeries([
      { name: 'r.v1', order: 1, size: 2, value: [{ op: 'add', path: '/a', value: 1 }] },
      { name: 'r.v2', order: 2, size: 2, decodeError: { code: 'syntax', layer: 'json', message: 'bad' } },
      { name: 'r.v3', order: 3, size: 2, value: [{ op: 'add', path: '/a', value: 1 }] },
      { name: 'r.v4', order: 4, size: 2, value: { a: 1 } },
      { name: 'r.v5', order: 5, size: 2, value: [{ op: 'test', path: '/a', value: 2 }] },
      { name: 'r.v6', order: 6, size: 2, value: [] },
    ]);
    expect(cps[0]!.error?.message).toMatch(/no checkpoint comes before it/);
    expect(cps[1]!.error?.layer).toBe('json');
    expect(cps[2]!.error?.message).toMatch(/diff on r\.v2, which could not be loaded/);
    expect(cps[3]!.value).toEqual({ a: 1 });
    expect(cps[4]!.error?.operation).toEqual({ index: 0, op: 'test', path: '/a' });
    expect(cps[5]!.kind).toBe('diff');
  });

  it('reports the sizes of both layouts, and base + diffs is the smaller for a long run of small changes', async () => {
    const big = { m: { demos: Array.from({ length: 50 }, (_, i) => ({ question: `q${i}`, answer: `a${i}` })), signature: { instructions: 'x', fields: [] } } };
    const snaps: Obj[] = [big];
    for (let i = 1; i < 5; i++) snaps.push({ m: { ...big.m, signature: { instructions: `v${i}`, fields: [] } } });
    const packed = await packSeries(asCheckpoints(snaps), { mode: 'diffs', container: 'files', base: 'run' });
    expect(packed.sizes.diffs).toBe(packed.files.reduce((n, f) => n + f.bytes.length, 0));
    expect(packed.sizes.diffs * 3).toBeLessThan(packed.sizes.snapshots);
  });
});
