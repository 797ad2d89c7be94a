import { describe, expect, it } from 'vitest';
import { FormatError } from '../errors.ts';
import { yamlDeep } from '../../../test-support/hostile-inputs.ts';
import { decodeBytes } from '../pipeline/decode.ts';

describe('deep YAML', () => {
  it('100,000 nested sequences are a depth limit with a byte offset, not a syntax error', async () => {
    const bytes = yamlDeep();
    let error: unknown;
    try {
      await decodeBytes(bytes, { name: 'deep.yaml' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FormatError);
    const e = error as FormatError;
    expect(e.code).toBe('limit');
    expect(e.layer).toBe('yaml');
    expect(e.offset).toBeGreaterThan(0);
    expect(e.offset).toBeLessThan(bytes.length);
    expect(e.message).toMatch(/nests too deeply/);
  });

  it('a shallow YAML syntax error is still a syntax error', async () => {
    await expect(decodeBytes(new TextEncoder().encode('a: [1, 2\nb: }\n'), { name: 'x.yaml' })).rejects.toMatchObject({ code: 'syntax', layer: 'yaml' });
  });
});
