import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DocumentHost } from './document-host';
import type { Progress } from './protocol';
import { SMALL_PROGRAM, SMALL_PROGRAM_TEXT } from '../test-support/small-program';

const program = SMALL_PROGRAM;
const text = SMALL_PROGRAM_TEXT;

function bytes(b: Uint8Array): ArrayBuffer {
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

async function open(data: Uint8Array, name: string) {
  const host = new DocumentHost();
  const progress: Progress[] = [];
  const opened = await host.open({ source: { kind: 'bytes', bytes: bytes(data), name } }, (p) => progress.push(p));
  return { host, opened, progress };
}

describe('DocumentHost', () => {
  it('decodes JSON and gives back its text untouched', async () => {
    const { host, opened } = await open(new TextEncoder().encode(text), 'program.json');
    expect(opened.summary.recipe.map((s) => s.layer)).toEqual(['json']);
    expect(host.text({ pointer: '', maxChars: 1e6 })).toEqual({ text });
  });

  it('decodes gzip to the same text, reporting progress', async () => {
    const { host, opened, progress } = await open(new Uint8Array(gzipSync(text)), 'program.json.gz');
    expect(opened.summary.recipe.map((s) => s.layer)).toEqual(['gzip', 'json']);
    expect(host.text({ pointer: '', maxChars: 1e6 })).toEqual({ text });
    expect(progress.length).toBeGreaterThan(0);
  });

  it('opens a file whose name lies about its layers', async () => {
    const { opened } = await open(new Uint8Array(gzipSync(text)), 'program.json');
    expect(opened.summary.recipe.map((s) => s.layer)).toEqual(['gzip', 'json']);
  });

  it('rejects random bytes with a typed error naming the layer', async () => {
    const noise = new Uint8Array(2048).map((_, i) => (i * 2654435761) >>> 24);
    await expect(open(noise, 'noise.bin')).rejects.toMatchObject({ code: expect.stringMatching(/unknown-format|maybe-encrypted/), layer: 'detect' });
  });

  it('answers with the program model, pages of demos, and edits that undo exactly', async () => {
    const { host, opened } = await open(new TextEncoder().encode(text), 'program.json');
    expect(opened.program.modules.map((m) => [m.id, m.demoCount])).toEqual([['generate_answer.predict', 2]]);
    expect(host.demos({ moduleId: 'generate_answer.predict', offset: 1, count: 5 }).demos.map((d) => d.index)).toEqual([1]);
    expect(host.filterDemos({ moduleId: 'generate_answer.predict', text: 'paris' })).toEqual({ indexes: [1] });

    const { edit, program: edited } = host.edit({
      edit: { kind: 'demo-field', moduleId: 'generate_answer.predict', demoIndex: 1, field: 'answer', value: 'Paris, France' },
    });
    expect(edited.modules[0]!.demoCount).toBe(2);
    expect(host.changedModules()).toEqual({ moduleIds: ['generate_answer.predict'] });
    expect(JSON.parse(host.module({ moduleId: 'generate_answer.predict' }).json).demos[1].answer).toBe('Paris, France');
    expect(JSON.parse(host.originalModule({ moduleId: 'generate_answer.predict' }).json).demos[1].answer).toBe('Paris');

    host.applyOps({ ops: edit.inverse });
    expect(JSON.parse(host.module({ moduleId: 'generate_answer.predict' }).json)).toEqual(program['generate_answer.predict']);
    expect(host.changedModules().moduleIds).toEqual([]);
  });

  it('refuses module JSON that does not parse or does not fit the schema, and changes nothing', async () => {
    const { host } = await open(new TextEncoder().encode(text), 'program.json');
    const before = host.module({ moduleId: 'generate_answer.predict' }).json;
    expect(() => host.edit({ edit: { kind: 'replace-module', moduleId: 'generate_answer.predict', json: '{"demos": [' } })).toThrow(/JSON/);
    expect(() =>
      host.edit({
        edit: {
          kind: 'replace-module',
          moduleId: 'generate_answer.predict',
          json: '{"traces": [], "train": [], "demos": 3, "signature": {"instructions": "", "fields": []}, "lm": null}',
        },
      }),
    ).toThrowError(expect.objectContaining({ layer: 'schema', path: '/demos' }));
    expect(host.module({ moduleId: 'generate_answer.predict' }).json).toBe(before);
  });
});

describe('DocumentHost companions and sidecars', () => {
  const metadata = '{\n  "dependency_versions": {\n    "python": "3.12",\n    "dspy": "2.6.16",\n    "cloudpickle": "3.1"\n  }\n}';

  it('opens a whole-program folder: metadata.json, with program.pkl read inertly beside it', async () => {
    const pkl = new Uint8Array(readFileSync(new URL('../../fixtures/pickle/cloudpickle-code-p5.pkl', import.meta.url)));
    const host = new DocumentHost();
    const opened = await host.open(
      {
        source: { kind: 'bytes', bytes: bytes(new TextEncoder().encode(metadata)), name: 'dspy_program/metadata.json' },
        companions: [new File([pkl], 'dspy_program/program.pkl')],
      },
      () => undefined,
    );
    expect(opened.program.content).toBe('whole-program-metadata');
    expect(opened.companions).toHaveLength(1);
    expect(opened.companions[0]!.recipe?.map((s) => s.layer)).toEqual(['pickle']);
    expect(opened.companions[0]!.warnings.join(' ')).toMatch(/would run code/);
  });

  it('a companion that cannot be read is reported, and the document still opens', async () => {
    const host = new DocumentHost();
    const opened = await host.open(
      {
        source: { kind: 'bytes', bytes: bytes(new TextEncoder().encode(metadata)), name: 'metadata.json' },
        companions: [new File([new Uint8Array([0x80, 0x05, 0x95])], 'program.pkl')],
      },
      () => undefined,
    );
    expect(opened.companions[0]!.error).toMatchObject({ layer: expect.any(String), message: expect.any(String) });
  });

  it('verifies a sha256sum sidecar and names both digests on a mismatch', async () => {
    const data = new TextEncoder().encode(text);
    const digest = createHash('sha256').update(data).digest('hex');
    const good = await new DocumentHost().open(
      { source: { kind: 'bytes', bytes: bytes(data), name: 'program.json' }, sidecar: new File([`${digest}  program.json\n`], 'program.json.sha256') },
      () => undefined,
    );
    expect(good.checksum).toMatchObject({ ok: true, actual: digest, sidecarName: 'program.json.sha256' });
    const wrong = 'ab'.repeat(32);
    const bad = await new DocumentHost().open(
      { source: { kind: 'bytes', bytes: bytes(data), name: 'program.json' }, sidecar: new File([wrong], 'program.json.sha256') },
      () => undefined,
    );
    expect(bad.checksum?.ok).toBe(false);
    expect(bad.checksum?.message).toContain(wrong);
    expect(bad.checksum?.message).toContain(digest);
  });
});

describe('DocumentHost module view of a large module', () => {
  it('leaves megabytes of demos out of the module JSON, and an edit of that view keeps them', async () => {
    const demos = Array.from({ length: 3000 }, (_, i) => ({ question: `q${i}`, answer: 'a'.repeat(400) }));
    const big = { 'qa.predict': { ...program['generate_answer.predict'], demos }, metadata: program.metadata };
    const host = new DocumentHost();
    await host.open({ source: { kind: 'bytes', bytes: bytes(new TextEncoder().encode(JSON.stringify(big, null, 2))), name: 'big.json' } }, () => undefined);
    const view = host.module({ moduleId: 'qa.predict' });
    expect(view.leftOut).toEqual({ key: 'demos', index: 2, count: 3000 });
    expect(view.json.length).toBeLessThan(10_000);
    expect((view.schema as { required?: string[] }).required).not.toContain('demos');

    const edited = { ...JSON.parse(view.json), signature: { instructions: 'Shorter.', fields: big['qa.predict'].signature.fields } };
    host.edit({ edit: { kind: 'replace-module', moduleId: 'qa.predict', json: JSON.stringify(edited), leftOut: view.leftOut } });
    expect(host.demos({ moduleId: 'qa.predict', offset: 2999, count: 1 }).demos[0]?.fields).toEqual([
      ['question', 'q2999'],
      ['answer', 'a'.repeat(400)],
    ]);
    expect(host.module({ moduleId: 'qa.predict' }).module.signature?.instructions).toBe('Shorter.');
  });
});

describe('DocumentHost demo fields typed as JSON', () => {
  it('parses the typed JSON in the worker, and refuses text that is not JSON with its place', async () => {
    const { host } = await open(new TextEncoder().encode(text), 'program.json');
    host.edit({ edit: { kind: 'demo-field', moduleId: 'generate_answer.predict', demoIndex: 0, field: 'answer', json: '["4", "four"]' } });
    expect(host.demos({ moduleId: 'generate_answer.predict', offset: 0, count: 1 }).demos[0]?.fields).toContainEqual(['answer', ['4', 'four']]);
    expect(() => host.edit({ edit: { kind: 'demo-field', moduleId: 'generate_answer.predict', demoIndex: 0, field: 'answer', json: '["4",\n  ]' } })).toThrow(
      /line 2, column/,
    );
  });
});
