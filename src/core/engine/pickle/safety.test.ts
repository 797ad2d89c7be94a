import { describe, expect, it } from 'vitest';
import { disassemble } from './disassemble.ts';
import { fixture } from './fixture-files.test.ts';
import { analyzePickleSafety, gradeGlobal } from './safety.ts';

describe('analyzePickleSafety', () => {
  for (const name of ['malicious-os-system-p0.pkl', 'malicious-os-system-p2.pkl']) {
    it(`${name}: dangerous, with the command shown as data`, () => {
      const r = analyzePickleSafety(fixture(name));
      expect(r.verdict).toBe('dangerous');
      expect(r.globals.map((g) => [g.module, g.name, g.grade])).toEqual([[name.includes('p0') ? 'os' : 'posix', 'system', 'dangerous']]);
      expect(r.calls).toHaveLength(1);
      expect(r.calls[0]?.args).toEqual(['echo pwned']);
      expect(r.calls[0]?.text).toMatch(/^(os|posix)\.system\('echo pwned'\)$/);
      expect(r.error).toBeUndefined();
    });
  }
  it('finds eval hidden inside a harmless-looking dict', () => {
    const r = analyzePickleSafety(fixture('malicious-hidden-eval-p4.pkl'));
    expect(r.verdict).toBe('dangerous');
    expect(r.calls[0]?.text).toBe(`builtins.eval('__import__(\\'os\\').system(\\'echo pwned\\')')`);
    expect(r.globals[0]?.reason).toBe('evaluates code');
  });
  it('shows NEWOBJ_EX keyword arguments', () => {
    const r = analyzePickleSafety(fixture('malicious-subprocess-p4.pkl'));
    expect(r.verdict).toBe('dangerous');
    expect(r.calls[0]?.text).toBe("subprocess.Popen(['echo', 'pwned'], shell=False)");
  });
  it('grades cloudpickle code objects dangerous, including the call of a computed callable', () => {
    const r = analyzePickleSafety(fixture('cloudpickle-code-p5.pkl'));
    expect(r.verdict).toBe('dangerous');
    expect(r.calls.map((c) => c.grade)).toEqual(['dangerous', 'dangerous', 'dangerous']);
    expect(r.calls[1]?.target).toBe("cloudpickle.cloudpickle._builtin_type('CodeType')");
  });
  it('grades a torch state_dict pickle safe and counts its rebuild calls', async () => {
    const { unzipSync } = await import('fflate');
    const entries = unzipSync(fixture('torch-state-dict.pt'));
    const r = analyzePickleSafety(entries['archive/data.pkl'] as Uint8Array);
    expect(r.verdict).toBe('safe');
    expect(r.safeCalls.find((c) => c.target === 'torch._utils._rebuild_tensor_v2')?.count).toBe(12);
    expect(r.stats.persistentIds).toBe(12);
  });
  it('grades plain classes unknown and data safe', () => {
    expect(analyzePickleSafety(fixture('values-objects-p2.pkl')).verdict).toBe('unknown');
    expect(analyzePickleSafety(fixture('values-containers-p4.pkl')).verdict).toBe('safe');
    expect(gradeGlobal('__builtin__', 'set').grade).toBe('safe');
    expect(gradeGlobal('builtins', 'getattr').grade).toBe('dangerous');
    expect(gradeGlobal('torch.serialization', 'load').grade).toBe('dangerous');
    expect(gradeGlobal('sklearn.linear_model', 'LogisticRegression').grade).toBe('unknown');
  });
  it('keeps what it saw when the read fails, and flags memo reuse', () => {
    const r = analyzePickleSafety(fixture('hostile-billion-laughs.pkl'));
    expect(r.signals.join(' ')).toMatch(/memo is read 19\.5 times/);
    const t = analyzePickleSafety(fixture('malicious-os-system-p2.pkl').subarray(0, 38));
    expect(t.error?.code).toBe('truncated');
    expect(t.verdict).toBe('dangerous');
  });
});

describe('disassemble', () => {
  it('lists opcodes like pickletools.dis', () => {
    const page = disassemble(fixture('malicious-os-system-p2.pkl'));
    expect(page.rows.map((r) => [r.offset, r.name, r.arg])).toEqual([
      [0, 'PROTO', '2'],
      [2, 'GLOBAL', 'posix system'],
      [16, 'BINPUT', '0'],
      [18, 'BINUNICODE', '"echo pwned"'],
      [33, 'BINPUT', '1'],
      [35, 'TUPLE1', ''],
      [36, 'BINPUT', '2'],
      [38, 'REDUCE', ''],
      [39, 'BINPUT', '3'],
      [41, 'STOP', ''],
    ]);
    expect(page.nextOffset).toBeNull();
  });
  it('pages through a big pickle with MARK depth carried over', () => {
    const bytes = fixture('values-containers-p1.pkl');
    const all = disassemble(bytes, { limit: 1e9 }).rows;
    const paged = [];
    let offset: number | null = 0;
    while (offset !== null) {
      const page = disassemble(bytes, { offset, limit: 100 });
      expect(page.rows.length).toBeLessThanOrEqual(100);
      paged.push(...page.rows);
      offset = page.nextOffset;
    }
    expect(paged).toEqual(all);
    expect(Math.max(...all.map((r) => r.depth))).toBeGreaterThan(0);
  });
});
