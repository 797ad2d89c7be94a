import { describe, expect, it } from 'vitest';
import { run } from '../main.ts';
import { memoryIo } from '../../test-support/memory-io.ts';

const FULL = ['fixtures/series/full/qa_run.v3.best', 'fixtures/series/full/qa_run.v1', 'fixtures/series/full/qa_run.v2.epoch_1'];

describe('series command', () => {
  it('inspect prints the timeline in order with tags, kinds and numbers', async () => {
    const m = memoryIo();
    expect(await run(['series', 'inspect', ...FULL], m.io)).toBe(0);
    const lines = m.out().split('\n');
    expect(lines[0]).toBe('series:  qa_run (3 checkpoints: 3 full, 0 diffs)');
    expect(m.out()).toMatch(/qa_run\.v2\.epoch_1 +order 2 {2}tag epoch_1 {2}full .* ok {2}optimization_score 0\.58, total demos 3, instruction length 102/);
    expect(m.out()).toContain('generate_answer.predict: 3 demos, instructions 64 chars');
  });

  it('inspect marks a broken link with its failing operation and exits 1', async () => {
    const m = memoryIo();
    const files = ['qa_run.v1', 'qa_run.v2.epoch_1', 'qa_run.v3.best'].map((n) => `fixtures/series/broken/${n}`);
    expect(await run(['series', 'inspect', ...files], m.io)).toBe(1);
    expect(m.out()).toMatch(/qa_run\.v3\.best .* BROKEN/);
    expect(m.out()).toContain('failing operation: #3 remove /generate_query.predict/demos/5');
  });

  it('pack --diffs writes the proposal names and reports both sizes; pack --zip then inspect round-trips', async () => {
    const m = memoryIo();
    expect(await run(['series', 'pack', ...FULL, '-o', 'out', '--diffs'], m.io)).toBe(0);
    expect(m.dirs).toEqual(['out']);
    expect([...m.store.keys()]).toEqual(['out/qa_run.v1', 'out/qa_run.v2.epoch_1', 'out/qa_run.v3.best']);
    expect(m.out()).toMatch(/sizes: +full snapshots 5,153 B, base \+ diffs [\d,]+ B/);
    expect(JSON.parse(new TextDecoder().decode(m.store.get('out/qa_run.v2.epoch_1')))[0]).toHaveProperty('op');

    const z = memoryIo();
    expect(await run(['series', 'pack', ...FULL, '-o', 'run.zip', '--zip'], z.io)).toBe(0);
    const again = memoryIo();
    again.store.set('run.zip', z.store.get('run.zip')!);
    expect(await run(['series', 'inspect', 'run.zip'], again.io)).toBe(0);
    expect(again.out()).toContain('series:  qa_run (3 checkpoints: 3 full, 0 diffs)');
    expect(again.out()).toMatch(/qa_run\.v3\.best +order 3 {2}tag best/);
  });

  it('usage errors exit 2', async () => {
    const m = memoryIo();
    expect(await run(['series', 'pack', ...FULL], m.io)).toBe(2);
    expect(await run(['series', 'inspect'], m.io)).toBe(2);
    expect(m.err()).toContain('Usage: series inspect FILES...');
  });
});
