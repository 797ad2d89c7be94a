import { describe, expect, it } from 'vitest';
import { readRepoFile } from '../test-support/real-fixtures';
import { DocumentHost } from './document-host';

async function open(path: string, mutate?: (v: Record<string, unknown>) => void) {
  let data = readRepoFile(path);
  if (mutate) {
    const v = JSON.parse(new TextDecoder().decode(data)) as Record<string, unknown>;
    mutate(v);
    data = new TextEncoder().encode(JSON.stringify(v, null, 2));
  }
  const host = new DocumentHost();
  const buf = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
  await host.open({ source: { kind: 'bytes', bytes: buf, name: path.split('/').pop() ?? 'file' } }, () => undefined);
  return host;
}

describe('DocumentHost migrations', () => {
  it('plans, previews, applies as one edit, undoes exactly and writes the migrated text back', async () => {
    const host = await open('fixtures/programs/dspy-era-b.json');
    const before = host.text({ pointer: '', maxChars: 1e6 });
    const plan = host.migrationPlan({ previewMaxChars: 1e6 });
    expect(plan.needed).toBe(true);
    expect(plan.available).toBe(true);
    expect(plan.target?.id).toBe('3.x');
    expect(plan.targets.map((t) => t.id)).toEqual(['3.x', '2.6.x', '2.5.x']);
    expect(plan.steps[0]).toMatchObject({ id: 'dspy.legacy-signature', prevents: expect.stringMatching(/use_legacy_loading/) });
    expect(plan.preview && 'after' in plan.preview && plan.preview.after).toMatch(/"generate_answer\.predict"/);

    const { program, edit } = host.migrate({ target: '3.x' });
    expect(program.era).toBe('F');
    expect(program.modules.map((m) => m.id)).toEqual(['retrieve', 'generate_answer.predict']);
    expect(edit.label).toMatch(/^Migrate DSPy .* to DSPy 3\.x/);
    expect(host.migrationPlan({}).needed).toBe(false);

    expect(host.applyOps({ ops: edit.inverse }).program.era).toBe('B');
    const encoded = new TextDecoder().decode((await host.encode()).bytes);
    expect('text' in before && encoded).toBe('text' in before && before.text);
  });

  it('refuses to migrate what is already migrated', async () => {
    const host = await open('fixtures/programs/dspy-era-f.json');
    expect(() => host.migrate({})).toThrow(/Nothing to migrate/);
  });

  it('opens a too-new envelope read-only: edits are refused with a typed error', async () => {
    const host = await open('fixtures/programs/envelope-1.1.0.json', (v) => {
      v.version = '9.0.0';
    });
    const plan = host.migrationPlan({});
    expect(plan.readOnly?.reason).toMatch(/9\.0\.0/);
    expect(() => host.edit({ edit: { kind: 'instructions', moduleId: 'answer', text: 'x' } })).toThrow(
      expect.objectContaining({ code: 'unsupported', layer: 'read-only' }),
    );
    expect(() => host.applyOps({ ops: [] })).toThrow(/read-only/);
    expect(() => host.migrate({ tryAnyway: true })).toThrow(/read-only/);
  });

  it('names both versions for an older major and migrates only when asked to try anyway', async () => {
    const host = await open('fixtures/programs/envelope-1.1.0.json', (v) => {
      v.version = '0.9.0';
    });
    const plan = host.migrationPlan({});
    expect(plan.incompatible).toMatchObject({ fileVersion: '0.9.0', knownVersion: '1.1.0' });
    expect(() => host.migrate({})).toThrow(/0\.9\.0.*1\.1\.0/);
    expect(host.migrate({ tryAnyway: true }).program.version).toBe('1.1.0');
  });
});
