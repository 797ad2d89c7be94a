/**
 * The watchdog ends what the page would wait on forever or run out of memory on, names the stage, and
 * goes on with a fresh thread. The limits are set far below what a program needs, so the outcomes
 * do not depend on the machine's speed.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { SMALL_PROGRAM } from '../test-support/small-program';
import { STAGES } from './drive';
import { DEFAULT_WATCHDOG, Watchdog } from './watchdog';

/** A program with enough demos that opening it and its views take far longer than a millisecond. */
const big = new TextEncoder().encode(
  JSON.stringify({
    ...SMALL_PROGRAM,
    'generate_answer.predict': {
      ...SMALL_PROGRAM['generate_answer.predict'],
      demos: Array.from({ length: 20_000 }, (_, i) => ({ question: `q${i}`, answer: 'a'.repeat(200) })),
    },
  }),
);

describe('Watchdog', () => {
  const dogs: Watchdog[] = [];
  const dog = (options: Partial<typeof DEFAULT_WATCHDOG>) => {
    const d = new Watchdog({ ...DEFAULT_WATCHDOG, ...options });
    dogs.push(d);
    return d;
  };
  afterAll(() => Promise.all(dogs.map((d) => d.close())));

  it('opens a program and drives its views, and refuses broken bytes with a typed error', async () => {
    const d = dog({});
    expect(await d.run({ name: 'program.json', bytes: new TextEncoder().encode(JSON.stringify(SMALL_PROGRAM)) })).toMatchObject({
      kind: 'opened',
      views: expect.any(Number),
    });
    expect(await d.run({ name: 'program.json', bytes: new TextEncoder().encode('{"a": [1, 2') })).toMatchObject({ kind: 'typed', code: 'truncated' });
  });

  it('reports an input that outlives its time as a hang at the stage it was in, then runs the next in a new thread', async () => {
    const d = dog({ timeoutMs: 1 });
    const first = await d.run({ name: 'big.json', bytes: big });
    expect(first).toMatchObject({ kind: 'finding', finding: 'hang' });
    expect(STAGES).toContain((first as { stage: string }).stage);
    expect(await d.run({ name: 'big.json', bytes: big })).toMatchObject({ kind: 'finding', finding: 'hang' });
  });

  it('reports a memory blow-up when the thread grows past its limit', async () => {
    const d = dog({ growthMb: 1 });
    expect(await d.run({ name: 'big.json', bytes: big })).toMatchObject({ kind: 'finding', finding: 'memory' });
  });
});
