import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../core/engine/pipeline/decode';
import { SeriesHost } from './series-host';

const member = (dir: string, name: string, order: number, tag?: string) => {
  const b = readFileSync(new URL(`../../fixtures/series/${dir}/${name}`, import.meta.url));
  return { name, bytes: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer, order, ...(tag ? { tag } : {}) };
};
const members = (dir: string) => [member(dir, 'qa_run.v1', 1), member(dir, 'qa_run.v2.epoch_1', 2, 'epoch_1'), member(dir, 'qa_run.v3.best', 3, 'best')];

describe('SeriesHost', () => {
  it('opens a series, compares the first and last checkpoints, and gives a checkpoint as a JSON file', async () => {
    const host = new SeriesHost();
    const timeline = await host.open({ base: 'qa_run', members: members('diffs') });
    expect(timeline.checkpoints.map((c) => [c.tag, c.kind])).toEqual([
      [undefined, 'full'],
      ['epoch_1', 'diff'],
      ['best', 'diff'],
    ]);
    expect(timeline.checkpoints.some((c) => 'value' in c)).toBe(false);

    const { comparison, textA, textB } = await host.compare({ a: 0, b: 2 });
    expect(comparison.instructionsChanged).toBe(2);
    const answer = comparison.modules.find((m) => m.id === 'generate_answer.predict')!;
    expect([answer.demosAdded, answer.demosRemoved, answer.demosChanged]).toEqual([2, 0, 0]);
    const query = comparison.modules.find((m) => m.id === 'generate_query.predict')!;
    expect([query.demosAdded, query.demosRemoved, query.demosChanged]).toEqual([0, 0, 1]);
    expect(JSON.parse(textA).metadata.optimization_score).toBe(0.41);
    expect(JSON.parse(textB).metadata.optimization_score).toBe(0.73);

    const file = await host.checkpointBytes({ index: 1 });
    expect(file.name).toBe('qa_run.v2.epoch_1.json');
    const full = JSON.parse(readFileSync(new URL('../../fixtures/series/full/qa_run.v2.epoch_1', import.meta.url), 'utf8'));
    expect((await decodeBytes(file.bytes)).value).toEqual(full);
  });

  it('refuses a broken checkpoint with a typed error and still serves the ones before it', async () => {
    const host = new SeriesHost();
    const timeline = await host.open({ base: 'qa_run', members: members('broken') });
    expect(timeline.checkpoints[2]!.error?.operation?.index).toBe(2);
    await expect(host.checkpointBytes({ index: 2 })).rejects.toMatchObject({ code: 'invalid', layer: 'series' });
    expect((await host.checkpointBytes({ index: 1 })).bytes.length).toBeGreaterThan(0);
    const packed = await host.pack({ mode: 'diffs', container: 'zip' });
    expect(packed.files.map((f) => f.name)).toEqual(['qa_run.v1', 'qa_run.v2.epoch_1']);
    expect(packed.skipped.map((s) => s.name)).toEqual(['qa_run.v3.best']);
  });
});
