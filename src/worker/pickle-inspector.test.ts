import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DocumentHost } from './document-host';

interface Expected {
  tensors: Array<{
    path: string;
    dtype: string;
    shape: number[];
    stride: number[];
    device: string;
    storageKey: string;
    first: number[];
    min: number;
    max: number;
    mean: number;
  }>;
}

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../fixtures/pickle/${name}`, import.meta.url)));
}

function expected(name: string): Expected {
  return JSON.parse(readFileSync(new URL(`../../fixtures/pickle/${name}.expected.json`, import.meta.url), 'utf8')) as Expected;
}

async function openFixture(name: string, as = name) {
  const data = fixture(name);
  const host = new DocumentHost();
  const opened = await host.open(
    { source: { kind: 'bytes', bytes: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer, name: as } },
    () => undefined,
  );
  return { host, opened };
}

describe('DocumentHost pickle methods', () => {
  it('lists a torch zip state_dict tensor table as Python saw it, per module and largest first', async () => {
    const { host } = await openFixture('torch-state-dict.pt', 'model.pth');
    const want = expected('torch-state-dict.pt').tensors;
    const all = host.tensors({ offset: 0, limit: 100 });
    expect(all.total).toBe(want.length);
    expect(all.rows.map((r) => [r.path, r.dtype, r.shape, r.stride, r.device, r.storageKey])).toEqual(
      want.map((t) => [t.path, t.dtype, t.shape, t.stride, t.device, t.storageKey]),
    );

    const encoder = host.tensors({ offset: 0, limit: 100, moduleId: 'encoder' });
    expect(encoder.rows.map((r) => r.path)).toEqual(want.filter((t) => t.path.startsWith('encoder.')).map((t) => t.path));
    expect(encoder.fileTotal).toBe(want.length);

    const bySize = host.tensors({ offset: 0, limit: 100, sort: 'size' }).rows.map((r) => r.byteSize);
    expect(bySize).toEqual([...bySize].sort((a, b) => b - a));
    expect(host.tensors({ offset: 2, limit: 3 }).rows.map((r) => r.index)).toEqual([2, 3, 4]);
  });

  it('previews a tensor on request with the values Python computed', async () => {
    const { host } = await openFixture('torch-state-dict.pt');
    const want = expected('torch-state-dict.pt').tensors[0]!;
    const preview = host.tensorPreview({ index: 0, count: want.first.length });
    expect(preview.first).toEqual(want.first);
    expect([preview.min, preview.max]).toEqual([want.min, want.max]);
    expect(preview.mean).toBeCloseTo(want.mean, 6);
    expect(() => host.tensorPreview({ index: 999 })).toThrow(/no tensor 999/);
  });

  it('maps a checkpoint model and a pickled nn.Module to the module tree ids', async () => {
    const checkpoint = (await openFixture('torch-checkpoint-epoch1.pt')).host.tensors({ offset: 0, limit: 100, moduleId: 'encoder.2' });
    expect(checkpoint.rows.map((r) => r.path)).toEqual([
      'model_state_dict.encoder.2.weight',
      'model_state_dict.encoder.2.bias',
      'model_state_dict.encoder.2.weight_t',
    ]);
    const module = (await openFixture('torch-module.pt')).host.tensors({ offset: 0, limit: 100, moduleId: 'head' });
    expect(module.rows.map((r) => r.path)).toEqual(['_modules.head._parameters.weight', '_modules.head._parameters.bias']);
  });

  it('disassembles like pickletools.dis, page by page, without running anything', async () => {
    const { host, opened } = await openFixture('malicious-os-system-p2.pkl');
    expect(opened.summary.recipe[0]?.options.safety).toMatchObject({ verdict: 'dangerous' });
    const first = host.disassembly({ offset: 0, limit: 3 });
    expect(first.rows.map((r) => [r.offset, r.name, r.arg])).toEqual([
      [0, 'PROTO', '2'],
      [2, 'GLOBAL', 'posix system'],
      [16, 'BINPUT', '0'],
    ]);
    const rest = host.disassembly({ offset: first.nextOffset!, limit: 100 });
    expect(rest.rows.map((r) => r.name)).toEqual(['BINUNICODE', 'BINPUT', 'TUPLE1', 'BINPUT', 'REDUCE', 'BINPUT', 'STOP']);
    expect(rest.rows[0]!.arg).toBe('"echo pwned"');
    expect(rest.nextOffset).toBeNull();
  });

  it("disassembles a torch zip's data.pkl, and has no tensors for a plain pickle", async () => {
    const torch = (await openFixture('torch-state-dict.pt')).host.disassembly({ offset: 0, limit: 2 });
    expect(torch.rows[0]?.name).toBe('PROTO');
    const plain = (await openFixture('values-scalars-p4.pkl')).host;
    expect(plain.tensors({ offset: 0, limit: 10 }).total).toBe(0);
  });

  it('refuses pickle methods for other documents with a typed error', async () => {
    const host = new DocumentHost();
    await host.open({ source: { kind: 'bytes', bytes: new TextEncoder().encode('{"a": 1}').buffer as ArrayBuffer, name: 'a.json' } }, () => undefined);
    expect(() => host.disassembly({ offset: 0, limit: 10 })).toThrow(/not a pickle/);
  });
});

describe('DocumentHost pickle reports of files with several pickles', () => {
  function verdictFixture(name: string): Uint8Array {
    return new Uint8Array(readFileSync(new URL(`../../fixtures/pickle-verdict/${name}`, import.meta.url)));
  }
  async function open(name: string) {
    const data = verdictFixture(name);
    const host = new DocumentHost();
    const opened = await host.open(
      { source: { kind: 'bytes', bytes: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer, name } },
      () => undefined,
    );
    return { host, opened };
  }
  it('the page report names the stacked pickle that runs code, and the disassembly pages into it', async () => {
    const { host, opened } = await open('legacy-payload-in-2-protocol.pt');
    const safety = opened.summary.recipe[0]?.options.safety as {
      verdict: string;
      members: Array<{ name: string; verdict: string }>;
      calls: Array<{ text: string; member?: string }>;
    };
    expect(safety.verdict).toBe('dangerous');
    expect(safety.members.find((m) => m.verdict === 'dangerous')?.name).toBe('stacked pickle 2 of 5 (protocol version)');
    expect(safety.calls.find((c) => c.text === "posix.system('echo stacked-2')")?.member).toBe('stacked pickle 2 of 5 (protocol version)');
    const first = host.disassembly({ offset: 0, limit: 100 });
    const second = host.disassembly({ offset: first.nextOffset!, limit: 100 });
    expect(second.rows.map((r) => r.arg)).toContain('posix system');
  });
  it('a torch zip disassembles the data.pkl torch loads, not the first one listed', async () => {
    const { host, opened } = await open('zip-torch-loads-other-data-pkl.pt');
    expect(opened.summary.recipe[0]?.options).toMatchObject({ container: 'torch-zip', entry: 'payload/data.pkl', safety: { verdict: 'dangerous' } });
    const rows = host.disassembly({ offset: 0, limit: 100 }).rows;
    expect(rows.map((r) => r.arg)).toContain('posix system');
  });
});
