import { describe, expect, it } from 'vitest';
import { withLimits } from '../limits.ts';
import { fixture, fixtureJson, fixtureNames } from '../pickle/fixture-files.test.ts';
import { pickleLayer } from './pickle.ts';

const ctx = { limits: withLimits() };

describe('pickleLayer', () => {
  it('sniffs every protocol and torch layout, and not JSON or other zips', () => {
    for (const n of fixtureNames().filter((x) => /^values-.*\.pkl$/.test(x) || x.endsWith('.pt'))) {
      expect(pickleLayer.sniff(fixture(n)), n).toBeGreaterThanOrEqual(0.6);
    }
    expect(pickleLayer.sniff(new TextEncoder().encode('{"a": 1}'))).toBe(0);
    const otherZip = new Uint8Array([0x50, 0x4b, 3, 4, ...new Array<number>(22).fill(0), 5, 0, 0, 0, ...new TextEncoder().encode('a.txt')]);
    expect(pickleLayer.sniff(otherZip)).toBe(0);
  });
  it('decodes a DSPy .pkl state to its JSON twin and warns nothing', async () => {
    const r = await pickleLayer.decode(fixture('dspy-state.pkl'), ctx);
    expect(r.value).toEqual(fixtureJson('dspy-state.json'));
    expect(r.warnings).toEqual([]);
    expect((r.options.safety as { verdict: string }).verdict).toBe('safe');
  });
  it('decodes the os.system pickle inertly and says what it would run', async () => {
    const r = await pickleLayer.decode(fixture('malicious-os-system-p0.pkl'), ctx);
    expect(r.value).toEqual({ $call: 'os.system', args: ['echo pwned'] });
    expect(r.warnings?.[0]).toBe("Loading this pickle in Python would run code: os.system('echo pwned'). Nothing was run here.");
  });
  it('decodes a torch zip to a value tree with tensor summaries', async () => {
    const r = await pickleLayer.decode(fixture('torch-checkpoint-epoch2.pt'), ctx);
    const v = r.value as { epoch: number; model_state_dict: Record<string, unknown> };
    expect(v.epoch).toBe(2);
    expect(v.model_state_dict['decoder.bias']).toEqual({
      $tensor: { dtype: 'bfloat16', shape: [2], stride: [1], storageOffset: 0, device: 'cuda:0', storageKey: '4' },
    });
    expect(r.options).toMatchObject({ container: 'torch-zip', prefix: 'checkpoint_epoch2', version: '3', tensors: 12 });
  });
  it('refuses to write pickles with a typed error', async () => {
    await expect(pickleLayer.encode({ value: 1 }, {}, ctx)).rejects.toMatchObject({ code: 'unsupported', layer: 'pickle' });
  });
});
