import { describe, expect, it } from 'vitest';
import { DocumentHost } from './document-host';
import { warmUp } from './warm-up';

describe('a spare worker’s warm-up', () => {
  it('reads its program as a DSPy program, module and demos', async () => {
    expect(await warmUp()).toBe(1);
  });

  it('opens its built-in program and keeps nothing: the host still has no document', async () => {
    const host = new DocumentHost();
    await expect(host.ready()).resolves.toEqual({});
    expect(() => host.changedModules()).toThrow();
  });
});
