import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classifyDrop, parseSeriesName } from './classify-drop';

const f = (name: string, size = 1000) => ({ name, size });

describe('classifyDrop', () => {
  it('takes one file alone', () => {
    expect(classifyDrop([f('program.json.gz')])).toMatchObject({ kind: 'single', main: { name: 'program.json.gz' }, ignored: [] });
  });
  it('pairs a file with its checksum sidecar and a small key file', () => {
    const plan = classifyDrop([f('program.json.enc.sha256', 90), f('program.json.enc'), f('team.key', 65)]);
    expect(plan).toMatchObject({
      kind: 'single',
      main: { name: 'program.json.enc' },
      sidecar: { name: 'program.json.enc.sha256' },
      keyFile: { name: 'team.key' },
    });
  });
  it('recognises a DSPy whole-program folder, in any order and under a folder path', () => {
    const plan = classifyDrop([f('dspy_program/program.pkl', 48_396), f('dspy_program/metadata.json', 103)]);
    expect(plan).toMatchObject({ kind: 'whole-program', main: { name: 'dspy_program/metadata.json' }, companions: [{ name: 'dspy_program/program.pkl' }] });
  });
  it('orders a checkpoint series by version, with tags', () => {
    const plan = classifyDrop([f('training_run.v3.best'), f('training_run.v1'), f('training_run.v2.epoch_1')]);
    expect(plan.kind).toBe('series');
    if (plan.kind !== 'series') return;
    expect(plan.members.map((m) => [m.file.name, m.order, m.tag])).toEqual([
      ['training_run.v1', 1, undefined],
      ['training_run.v2.epoch_1', 2, 'epoch_1'],
      ['training_run.v3.best', 3, 'best'],
    ]);
  });
  it('orders epoch and step files numerically, not alphabetically', () => {
    const plan = classifyDrop([f('checkpoint_epoch_10.pth'), f('checkpoint_epoch_9.pth'), f('checkpoint_epoch_42.pth')]);
    expect(plan.kind === 'series' && plan.members.map((m) => m.order)).toEqual([9, 10, 42]);
    expect(parseSeriesName('model-step-1000.json')).toEqual({ base: 'model_step', order: 1000 });
  });
  it('never loses a file: everything dropped is planned or listed as ignored', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a.json', 'run.v1', 'run.v2.x', 'x.sha256', 'k.key', 'metadata.json', 'program.pkl', 'm_epoch_3.pt', 'm_epoch_1.pt'), {
          maxLength: 8,
        }),
        (names) => {
          const files = names.map((n, i) => f(n, i + 10));
          const plan = classifyDrop(files);
          const used = new Set<object>();
          if (plan.kind === 'single') [plan.main, plan.sidecar, plan.keyFile, ...plan.ignored].forEach((x) => x && used.add(x));
          if (plan.kind === 'whole-program') [plan.main, ...plan.companions, plan.sidecar, ...plan.ignored].forEach((x) => x && used.add(x));
          if (plan.kind === 'series') [...plan.members.map((m) => m.file), ...plan.ignored].forEach((x) => used.add(x));
          expect(plan.kind === 'empty').toBe(files.length === 0);
          for (const file of files) expect(used.has(file)).toBe(true);
        },
      ),
    );
  });
});
