import { describe, expect, it } from 'vitest';
import { gzipSync, gunzipSync } from 'node:zlib';
import { run } from '../main.ts';
import { readRepoFile } from '../../test-support/real-fixtures.ts';
import { loadErrors } from '../../core/program/formats/dspy/migrations/loader-check.ts';
import { memoryIo } from '../../test-support/memory-io.ts';

const text = (b: Uint8Array | undefined): string => new TextDecoder().decode(b);

describe('cli migrate', () => {
  it('--plan prints the steps, the errors they prevent and their notes, and writes nothing', async () => {
    const m = memoryIo();
    expect(await run(['migrate', '--plan', 'fixtures/programs/dspy-era-d.json'], m.io)).toBe(0);
    expect(m.out()).toContain('from: DSPy 2.5.43 (era D)');
    expect(m.out()).toContain('targets: 3.x, 2.6.x, 2.5.x');
    expect(m.out()).toMatch(/needed: .*NotImplementedError: Loading extended_signature is no longer supported in DSPy 2\.6\+/);
    expect(m.out()).toMatch(/1\. dspy\.cot-predict .*\n.*\n\s+prevents: NotImplementedError/);
    expect(m.store.size).toBe(0);
  });

  it('writes the migrated file beside the input, keeping untouched bytes of the source text', async () => {
    const m = memoryIo();
    expect(await run(['migrate', 'fixtures/programs/dspy-era-c.json', '--to', '3.x'], m.io)).toBe(0);
    const written = text(m.store.get('fixtures/programs/dspy-era-c.migrated.json'));
    const value = JSON.parse(written) as Record<string, unknown>;
    expect(loadErrors(value, '3.3.1')).toEqual([]);
    expect(Object.keys(value)).toEqual(['retrieve', 'generate_answer.predict', 'metadata']);
    // The demos' text is spliced through, not re-serialised.
    const source = text(readRepoFile('fixtures/programs/dspy-era-c.json'));
    const demos = source.slice(source.indexOf('"demos"'), source.indexOf('"signature"'));
    expect(written).toContain(demos);
    expect(m.out()).toMatch(/dspy-era-c\.migrated\.json: Migrate DSPy .* to DSPy 3\.x \(3\.3\.1\)/);
  });

  it('keeps the recipe: a gzipped era B file comes out gzipped, at -o', async () => {
    const m = memoryIo({ 'old.json.gz': new Uint8Array(gzipSync(readRepoFile('fixtures/programs/dspy-era-b.json'))) });
    expect(await run(['migrate', 'old.json.gz', '--to', '2.6', '-o', 'new.json.gz'], m.io)).toBe(0);
    const value = JSON.parse(text(new Uint8Array(gunzipSync(m.store.get('new.json.gz') as Uint8Array)))) as { metadata: unknown };
    expect(value.metadata).toEqual({ dependency_versions: { python: '3.12', dspy: '2.6.27', cloudpickle: '3.1' } });
    expect(m.out()).toContain('note: generate_answer: field names inferred');
  });

  it('refuses an incompatible envelope unless asked to try anyway, and a read-only one always', async () => {
    const env = JSON.parse(text(readRepoFile('fixtures/programs/envelope-1.1.0.json'))) as Record<string, unknown>;
    const m = memoryIo({
      'old.json': new TextEncoder().encode(JSON.stringify({ ...env, version: '0.9.0' })),
      'new.json': new TextEncoder().encode(JSON.stringify({ ...env, version: '9.0.0' })),
    });
    expect(await run(['migrate', 'old.json', '--to', '1.1.0'], m.io)).toBe(1);
    expect(m.err()).toMatch(/0\.9\.0 has major version 0; this app reads major 1 \(1\.1\.0\).*--try-anyway/);
    expect(await run(['migrate', 'old.json', '--to', '1.1.0', '--try-anyway', '-o', 'out.json'], m.io)).toBe(0);
    expect((JSON.parse(text(m.store.get('out.json'))) as { version: string }).version).toBe('1.1.0');
    expect(await run(['migrate', 'new.json', '--to', '1.1.0', '--try-anyway'], m.io)).toBe(1);
    expect(m.err()).toMatch(/read-only/);
  });

  it('says so when there is nothing to do, and needs --to to write', async () => {
    const m = memoryIo();
    expect(await run(['migrate', 'fixtures/programs/dspy-era-f.json', '--to', '3.x'], m.io)).toBe(0);
    expect(m.out()).toContain('nothing to migrate');
    expect(m.store.size).toBe(0);
    expect(await run(['migrate', 'fixtures/programs/dspy-era-f.json'], m.io)).toBe(2);
  });
  it('asks what the file cannot say, and takes the answers: --signature (inline or @FILE) and --keep-instructions', async () => {
    const eraB = { classify: { lm: null, traces: [], train: [], demos: [], signature_instructions: 'Sort tickets.', signature_prefix: 'Urgency Level:' } };
    const m = memoryIo({
      'tickets.json': new TextEncoder().encode(JSON.stringify(eraB)),
      'sig.py': new TextEncoder().encode(
        'class Sort(dspy.Signature):\n    """Sort tickets."""\n    ticket_text: str = dspy.InputField()\n    urgency: int = dspy.OutputField()\n',
      ),
    });
    expect(await run(['migrate', '--plan', 'tickets.json'], m.io)).toBe(0);
    expect(m.out()).toMatch(/question: .*fields cannot be recovered.*\(answer with --signature classify=SIGNATURE\)/);
    expect(await run(['migrate', 'tickets.json', '--to', '3.x', '--signature', 'classify=@sig.py', '-o', 'a.json'], m.io)).toBe(0);
    const a = JSON.parse(text(m.store.get('a.json'))) as { classify: { signature: unknown } };
    expect(a.classify.signature).toEqual({
      instructions: 'Sort tickets.',
      fields: [
        { prefix: 'Ticket Text:', description: '${ticket_text}' },
        { prefix: 'Urgency Level:', description: '${urgency}' },
      ],
    });
    // A signature that does not parse is refused with where, and nothing is written.
    expect(await run(['migrate', 'tickets.json', '--to', '3.x', '--signature=classify=ticket_text ->', '-o', 'b.json'], m.io)).toBe(1);
    expect(m.err()).toMatch(/signature given for classify does not parse: line 1, column/);
    expect(m.store.has('b.json')).toBe(false);

    const d = memoryIo();
    expect(await run(['migrate', 'fixtures/programs/dspy-era-d.json', '--to', '3.x', '--keep-instructions', 'self=signature', '-o', 'd.json'], d.io)).toBe(0);
    expect((JSON.parse(text(d.store.get('d.json'))) as { predict: { signature: { instructions: string } } }).predict.signature.instructions).toBe(
      'Answer questions with short factoid answers.',
    );
    expect(await run(['migrate', 'fixtures/programs/dspy-era-d.json', '--to', '3.x', '--keep-instructions', 'self=both'], d.io)).toBe(2);
  });
});
