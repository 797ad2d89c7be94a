import { describe, expect, it } from 'vitest';
import { run } from './main.ts';
import { memoryIo } from '../test-support/memory-io.ts';

/** `inspect` of files whose code hides in a pickle other than the first one: the CLI names it. */
describe('cli inspect: every pickle a loader would unpickle is graded', () => {
  const cases: Array<[string, string, string]> = [
    ['legacy-payload-in-3-sysinfo.pt', "posix.system('echo stacked-3')", 'stacked pickle 3 of 5 (sys_info)'],
    ['legacy-payload-in-1-magic.pt', "posix.system('echo stacked-1')", 'stacked pickle 1 of 5 (magic number)'],
    ['zip-torch-loads-other-data-pkl.pt', "posix.system('echo zip-first-entry')", 'payload/data.pkl'],
    ['zip-payload-in-constants.pt', "posix.system('echo zip-constants')", 'archive/constants.pkl'],
    ['dotted-stack-global-builtins.pkl', "copyreg._reconstructor.__builtins__.get('eval')", ''],
    ['p0-mark-first.pkl', "os.system('echo sniff-mark')", ''],
    ['p1-optimized.pkl', "posix.system('echo sniff-optimized')", ''],
    ['npy-object-payload.npy', "posix.system('echo npy-object')", 'array data of the .npy (dtype |O, a pickle)'],
  ];
  for (const [file, call, member] of cases) {
    it(`${file}: DANGEROUS first, naming ${member || 'the call'}`, async () => {
      const m = memoryIo();
      expect(await run(['inspect', `fixtures/pickle-verdict/${file}`], m.io)).toBe(0);
      const out = m.out();
      expect(out.split('\n')[0]).toMatch(/^safety: +DANGEROUS/);
      const line = out.split('\n').find((l) => l.includes(`would call ${call}`));
      expect(line, out).toBeDefined();
      if (member) expect(line).toContain(` in ${member} [dangerous]`);
      if (member) expect(out).toContain(`  pickle ${member}: dangerous`);
    });
  }
  it('--json carries the members and the member of each call', async () => {
    const m = memoryIo();
    expect(await run(['inspect', 'fixtures/pickle-verdict/legacy-payload-in-5-keys.pt', '--json'], m.io)).toBe(0);
    const report = JSON.parse(m.out()) as {
      safety: { verdict: string; members: Array<{ name: string; verdict: string }>; calls: Array<{ text: string; member: string }> };
    };
    expect(report.safety.verdict).toBe('dangerous');
    expect(report.safety.members.map((x) => x.verdict)).toEqual(['safe', 'safe', 'safe', 'safe', 'dangerous']);
    expect(report.safety.calls.find((c) => c.text.includes('stacked-5'))?.member).toBe('stacked pickle 5 of 5 (storage keys)');
  });
});
