/** The committed series fixtures: full and base + diffs agree, a broken link is caught where it is, torch dicts show epoch and loss. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readSeries, timelineOf, metricOf } from './read-series';
import { seriesMembers } from './unpack-series';

const NAMES = ['qa_run.v3.best', 'qa_run.v1', 'qa_run.v2.epoch_1']; // out of order on purpose
const load = (dir: string, names = NAMES) =>
  seriesMembers(names.map((name) => ({ name, bytes: new Uint8Array(readFileSync(new URL(`../../../../fixtures/${dir}/${name}`, import.meta.url))) })));

describe('series fixtures', () => {
  it('orders members by version and keeps their tags', () => {
    const { base, members } = load('series/full');
    expect(base).toBe('qa_run');
    expect(members.map((m) => [m.name, m.order, m.tag])).toEqual([
      ['qa_run.v1', 1, undefined],
      ['qa_run.v2.epoch_1', 2, 'epoch_1'],
      ['qa_run.v3.best', 3, 'best'],
    ]);
  });

  it('full snapshots and base + diffs (one of them gzipped) give the same program at every checkpoint', async () => {
    const full = await readSeries(load('series/full').members);
    const diffs = await readSeries(load('series/diffs').members);
    expect(full.map((c) => c.kind)).toEqual(['full', 'full', 'full']);
    expect(diffs.map((c) => c.kind)).toEqual(['full', 'diff', 'diff']);
    expect(diffs[2]!.recipe).toBe('gzip → json');
    for (let i = 0; i < 3; i++) {
      expect(diffs[i]!.error).toBeUndefined();
      expect(JSON.stringify(diffs[i]!.value)).toBe(JSON.stringify(full[i]!.value));
    }
  });

  it('summarises demos per module, instruction length and the optimization score', async () => {
    const cps = await readSeries(load('series/diffs').members);
    const timeline = timelineOf('qa_run', cps);
    expect(timeline.metricNames).toEqual(['optimization_score', 'total demos', 'instruction length']);
    expect(cps.map((c) => c.summary?.metrics.optimization_score)).toEqual([0.41, 0.58, 0.73]);
    expect(cps.map((c) => c.summary?.modules.map((m) => [m.id, m.demos]))).toEqual([
      [
        ['retrieve', 0],
        ['generate_query.predict', 1],
        ['generate_answer.predict', 1],
      ],
      [
        ['retrieve', 0],
        ['generate_query.predict', 1],
        ['generate_answer.predict', 2],
      ],
      [
        ['retrieve', 0],
        ['generate_query.predict', 1],
        ['generate_answer.predict', 3],
      ],
    ]);
    expect(timeline.checkpoints.map((c) => metricOf(c, 'total demos'))).toEqual([2, 3, 4]);
    const answerInstr = cps.map((c) => c.summary?.modules.find((m) => m.id === 'generate_answer.predict')?.instructionLength);
    expect(answerInstr).toEqual([
      'Answer the question.'.length,
      'Answer the question with a short factoid taken from the context.'.length,
      'Answer the question with a short factoid taken from the context.'.length,
    ]);
  });

  it('a diff that does not apply is reported at its checkpoint with the failing operation; the ones before still load', async () => {
    const cps = await readSeries(load('series/broken').members);
    expect(cps[0]!.value).toBeDefined();
    expect(cps[1]!.value).toBeDefined();
    expect(cps[1]!.summary?.metrics.optimization_score).toBe(0.58);
    const broken = cps[2]!;
    expect(broken.value).toBeUndefined();
    expect(broken.kind).toBe('diff');
    expect(broken.error?.operation).toEqual({ index: 2, op: 'remove', path: '/generate_query.predict/demos/5' });
    expect(broken.error?.path).toBe('/generate_query.predict/demos/5');
    expect(broken.error?.message).toMatch(
      /qa_run\.v3\.best does not apply to qa_run\.v2\.epoch_1\. Operation 3 \(remove \/generate_query\.predict\/demos\/5\) failed: Index 5 is out of range/,
    );
  });

  it('torch checkpoint dicts of two epochs show epoch and loss', async () => {
    const names = ['torch-checkpoint-epoch2.pt', 'torch-checkpoint-epoch1.pt'];
    const { base, members } = load('pickle', names);
    expect(base).toBe('torch-checkpoint_epoch');
    const cps = await readSeries(members);
    expect(cps.map((c) => c.name)).toEqual(['torch-checkpoint-epoch1.pt', 'torch-checkpoint-epoch2.pt']);
    expect(cps.map((c) => c.kind)).toEqual(['full', 'full']);
    expect(cps[0]!.summary?.metrics).toMatchObject({ epoch: 1, loss: 0.75 });
    expect(cps[1]!.summary?.metrics.epoch).toBe(2);
    expect(typeof cps[1]!.summary?.metrics.loss).toBe('number');
    expect(timelineOf(base, cps).metricNames).toEqual(['epoch', 'loss']);
  });
});
