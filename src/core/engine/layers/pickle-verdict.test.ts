import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../pipeline/decode.ts';
import { bytesSource } from '../byte-source.ts';
import { openTorchFile } from '../torch/torch-file.ts';
import { gradeGlobal, type CallFinding, type SafetyReport } from '../pickle/safety.ts';
import { pickleLayer } from './pickle.ts';

/** fixtures/pickle-verdict, written by scripts/make-verdict-fixtures.py. */
export function verdictFixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../../../fixtures/pickle-verdict/${name}`, import.meta.url)));
}

/** The report the page and the CLI show: the pickle step's `safety` option after the real decode. */
async function reportOf(name: string): Promise<SafetyReport> {
  const doc = await decodeBytes(verdictFixture(name), { name });
  const step = doc.recipe.find((s) => s.layer === 'pickle');
  expect(step, `${name} decodes as a pickle`).toBeDefined();
  return step?.options.safety as unknown as SafetyReport;
}

function dangerousCall(r: SafetyReport, tag: string): CallFinding | undefined {
  return r.calls.find((c) => c.grade === 'dangerous' && /^(os|posix)\.system$/.test(c.target) && c.text.includes(`echo ${tag}`));
}

describe('legacy torch files: every one of the five stacked pickles is graded', () => {
  const cases: Array<[string, string, string]> = [
    ['legacy-payload-in-1-magic.pt', 'stacked-1', 'stacked pickle 1 of 5 (magic number)'],
    ['legacy-payload-in-2-protocol.pt', 'stacked-2', 'stacked pickle 2 of 5 (protocol version)'],
    ['legacy-payload-in-3-sysinfo.pt', 'stacked-3', 'stacked pickle 3 of 5 (sys_info)'],
    ['legacy-payload-in-5-keys.pt', 'stacked-5', 'stacked pickle 5 of 5 (storage keys)'],
    ['legacy-magic-p0-payload-in-2.pt', 'magic-p0', 'stacked pickle 2 of 5 (protocol version)'],
  ];
  for (const [file, tag, member] of cases) {
    it(`${file}: dangerous, naming ${member} and the call`, async () => {
      const r = await reportOf(file);
      expect(r.verdict).toBe('dangerous');
      const call = dangerousCall(r, tag);
      expect(call?.member).toBe(member);
      expect(call?.text).toBe(`posix.system('echo ${tag}')`);
      expect(r.members?.map((m) => m.name)).toHaveLength(5);
      expect(r.members?.find((m) => m.name === member)?.verdict).toBe('dangerous');
    });
  }
  it('a clean legacy file stays safe, with its five members listed safe', async () => {
    const r = await reportOf('legacy-clean.pt');
    expect(r.verdict).toBe('safe');
    expect(r.members?.map((m) => m.verdict)).toEqual(['safe', 'safe', 'safe', 'safe', 'safe']);
  });
  it('openTorchFile agrees (the tensor table and disassembly read it)', () => {
    const f = openTorchFile(bytesSource(verdictFixture('legacy-payload-in-3-sysinfo.pt')));
    expect(f.layout).toBe('legacy');
    expect(f.safety.verdict).toBe('dangerous');
  });
});

describe('zip checkpoints: the data.pkl torch loads, and every other pickle member', () => {
  it('grades payload/data.pkl, which torch loads because the first directory entry is in payload/', async () => {
    const r = await reportOf('zip-torch-loads-other-data-pkl.pt');
    expect(r.verdict).toBe('dangerous');
    expect(dangerousCall(r, 'zip-first-entry')?.member).toBe('payload/data.pkl');
    expect(r.members?.find((m) => m.name === 'payload/data.pkl')).toMatchObject({ verdict: 'dangerous', loaded: true });
    const f = openTorchFile(bytesSource(verdictFixture('zip-torch-loads-other-data-pkl.pt')));
    expect(f.pickleEntry?.name).toBe('payload/data.pkl');
  });
  for (const [file, member, tag] of [
    ['zip-payload-in-constants.pt', 'archive/constants.pkl', 'zip-constants'],
    ['zip-payload-in-extra.pt', 'archive/extra.pkl', 'zip-extra'],
    ['zip-payload-in-extra-notes.pt', 'archive/extra/notes.pkl', 'zip-extra-notes'],
  ] as const) {
    it(`${file}: ${member} is scanned`, async () => {
      const r = await reportOf(file);
      expect(r.verdict).toBe('dangerous');
      expect(dangerousCall(r, tag)?.member).toBe(member);
      expect(r.members?.find((m) => m.name === member)).toMatchObject({ verdict: 'dangerous', loaded: false });
    });
  }
  it('a clean zip stays safe', async () => {
    expect((await reportOf('zip-clean.pt')).verdict).toBe('safe');
  });
});

describe('attribute walks in dotted names are dangerous whatever the module', () => {
  it('grades the names', () => {
    expect(gradeGlobal('copyreg', '_reconstructor.__builtins__.get').grade).toBe('dangerous');
    expect(gradeGlobal('copyreg', '_reconstructor.__globals__.get').grade).toBe('dangerous');
    expect(gradeGlobal('collections', 'OrderedDict.__class__.__base__.__subclasses__').grade).toBe('dangerous');
    expect(gradeGlobal('pathlib', 'os.system').grade).toBe('dangerous');
    expect(gradeGlobal('shapes', 'Point.Inner').grade).toBe('unknown');
    expect(gradeGlobal('copyreg', '__newobj__').grade).toBe('safe');
    expect(gradeGlobal('torch._utils', '_rebuild_tensor_v2').grade).toBe('safe');
  });
  for (const [file, target] of [
    ['dotted-stack-global-builtins.pkl', 'copyreg._reconstructor.__builtins__.get'],
    ['dotted-global-globals.pkl', 'copyreg._reconstructor.__globals__.get'],
    ['dotted-inst-subclasses.pkl', 'collections.OrderedDict.__class__.__base__.__subclasses__'],
  ] as const) {
    it(`${file}: dangerous, naming ${target}`, async () => {
      const r = await reportOf(file);
      expect(r.verdict).toBe('dangerous');
      expect(r.globals.find((g) => `${g.module}.${g.name}` === target)?.grade).toBe('dangerous');
      expect(r.calls[0]?.target).toBe(target);
    });
  }
});

describe('pickles without the usual first bytes are recognised by their opcode stream', () => {
  for (const [file, tag] of [
    ['p0-mark-first.pkl', 'sniff-mark'],
    ['p1-optimized.pkl', 'sniff-optimized'],
    ['p0-optimized.pkl', 'sniff-p0-optimized'],
  ] as const) {
    it(`${file}: sniffed as a pickle and graded dangerous`, async () => {
      expect(pickleLayer.sniff(verdictFixture(file))).toBeGreaterThanOrEqual(0.9);
      const r = await reportOf(file);
      expect(r.verdict).toBe('dangerous');
      expect(r.calls.some((c) => c.text === `os.system('echo ${tag}')` || c.text === `posix.system('echo ${tag}')`)).toBe(true);
    });
  }
  it('text that starts with opcode letters is not a pickle', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    for (const text of ['Note: this is text.\n', 'cat\ndog\nmore text here', 'name: value\nlist:\n  - a\n', '(a, b) = (1, 2)\n', 'I am not a pickle.']) {
      expect(pickleLayer.sniff(enc(text)), text).toBe(0);
    }
  });
});

describe('pickles nested where a loader unpickles them', () => {
  for (const [file, tag, loader] of [
    ['nested-pickle-loads.pkl', 'nested-loads', '_pickle.loads'],
    ['nested-torch-load-bytesio.pkl', 'nested-torch-load', 'torch.load'],
    ['nested-base64.pkl', 'nested-base64', '_pickle.loads'],
    ['nested-numpy-load.pkl', 'nested-npy', 'numpy.load'],
  ] as const) {
    it(`${file}: the inner pickle is graded and named`, async () => {
      const r = await reportOf(file);
      expect(r.verdict).toBe('dangerous');
      const inner = dangerousCall(r, tag);
      expect(inner?.member).toMatch(new RegExp(`^nested pickle passed to ${loader.replace('.', '\\.')} at byte \\d+ of pickle 1 at byte 0`));
      expect(r.members?.find((m) => m.name === inner?.member)?.verdict).toBe('dangerous');
    });
  }
  it('an object-dtype .npy is read as the pickle np.load(allow_pickle=True) runs', async () => {
    const r = await reportOf('npy-object-payload.npy');
    expect(r.verdict).toBe('dangerous');
    expect(dangerousCall(r, 'npy-object')?.member).toBe('array data of the .npy (dtype |O, a pickle)');
    expect((await reportOf('npy-object-clean.npy')).verdict).toBe('safe');
  });
  it('an .npz grades each object-dtype member, naming the one that runs code', async () => {
    const r = await reportOf('npz-object-payload.npz');
    expect(r.verdict).toBe('dangerous');
    expect(r.members?.map((m) => [m.name, m.verdict])).toEqual([
      ['weights.npy (dtype |O, a pickle)', 'safe'],
      ['labels.npy (dtype |O, a pickle)', 'dangerous'],
    ]);
    expect(dangerousCall(r, 'npz-member')?.member).toBe('labels.npy (dtype |O, a pickle)');
  });
  it('a loader given a file name cannot be followed: that member is unknown, never safe', async () => {
    const bytes = Uint8Array.from('\x80\x03ctorch\nload\nX\x08\x00\x00\x00other.pt\x85R.', (c) => c.charCodeAt(0));
    const doc = await decodeBytes(bytes, { name: 'x.pkl' });
    const r = doc.recipe[0]?.options.safety as unknown as SafetyReport;
    expect(r.members?.[1]).toMatchObject({ verdict: 'unknown' });
    expect(r.signals.join(' ')).toContain('the file "other.pt"');
  });
});

describe('pickles after the first STOP', () => {
  it('are graded when they parse as pickles', async () => {
    const clean = new Uint8Array([0x80, 0x02, 0x5d, 0x2e]); // []
    const evil = verdictFixture('nested-pickle-loads.pkl').subarray(0);
    const doc = await decodeBytes(new Uint8Array([...clean, ...evil]), { name: 'two.pkl' });
    const r = doc.recipe[0]?.options.safety as unknown as SafetyReport;
    expect(r.verdict).toBe('dangerous');
    expect(r.members?.map((m) => m.name).slice(0, 2)).toEqual(['pickle 1 at byte 0', 'pickle 2 at byte 4']);
  });
});

describe('frames that Python may read differently', () => {
  it('an opcode straddling its FRAME end makes the verdict unknown', async () => {
    // PROTO 5, FRAME 2, then a BINBYTES declaring 20 bytes: it runs past the 2-byte frame.
    const bytes = new Uint8Array([0x80, 0x05, 0x95, 2, 0, 0, 0, 0, 0, 0, 0, 0x42, 20, 0, 0, 0, ...new Array<number>(20).fill(0x41), 0x2e]);
    const r = (await pickleLayer.decode(bytes, { limits: (await import('../limits.ts')).withLimits() })).options.safety as unknown as SafetyReport;
    expect(r.verdict).toBe('unknown');
    expect(r.signals.join(' ')).toMatch(/runs past the end of its FRAME/);
  });
});

describe('a pickle that breaks after its calls', () => {
  const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
  it('opens with its report and the error: Python made those calls before it failed', async () => {
    // os.system runs, then BINGET 3 misses the memo.
    const doc = await decodeBytes(bytes('\x80\x04cos\nsystem\nVecho broken\n\x85R0\x8c\x02os\x94h\x03h\x00\x93K\x42.'), { name: 'x.pkl' });
    const r = doc.recipe[0]?.options.safety as unknown as SafetyReport;
    expect(r.verdict).toBe('dangerous');
    expect(r.calls[0]?.text).toBe("os.system('echo broken')");
    expect(r.error?.message).toMatch(/memo entry 3 was never stored/);
    expect(doc.warnings.join(' ')).toMatch(/breaks before its end/);
  });
  it('keeps the typed error when nothing but data was read before the break', async () => {
    await expect(decodeBytes(bytes('\x80\x04]\x94h\x03.'), { name: 'x.pkl' })).rejects.toMatchObject({ layer: 'pickle', code: 'corrupt' });
  });
  it('a legacy file whose protocol pickle is wrong is graded up to where torch stops', async () => {
    const legacy = verdictFixture('legacy-clean.pt');
    const evil = verdictFixture('legacy-payload-in-1-magic.pt');
    // Magic (with payload), then 1002 instead of 1001: torch raises after running both.
    const magicEnd = evil.indexOf(0x2e, evil.indexOf(0x8a)) + 1;
    const doc = await decodeBytes(new Uint8Array([...evil.subarray(0, magicEnd), 0x80, 0x02, 0x4d, 0xea, 0x03, 0x2e, ...legacy.subarray(0, 8)]), {
      name: 'x.pt',
    });
    const r = doc.recipe[0]?.options.safety as unknown as SafetyReport;
    expect(r.verdict).toBe('dangerous');
    expect(r.members?.map((m) => m.name)).toEqual(['stacked pickle 1 of 5 (magic number)', 'stacked pickle 2 of 5 (protocol version)']);
    expect(r.signals.join(' ')).toMatch(/torch\.load stops with an error at stacked pickle 2: protocol version 1002/);
  });
});
