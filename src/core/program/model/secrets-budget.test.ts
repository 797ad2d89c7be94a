import { describe, expect, it } from 'vitest';
import { findSecrets } from './secrets';
import { decodeBytes } from '../../engine/pipeline/decode';
import { gzipDeepWideJson } from '../../../test-support/hostile-inputs';

/** `depth` objects deep, then `fill`, under key "a" at every level. */
function nest(depth: number, fill: unknown): unknown {
  let v = fill;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

describe('the secret scan is bounded', () => {
  it('still finds a key 400 levels down and names its whole pointer', () => {
    const found = findSecrets(nest(400, { api_key: 'sk-123' }));
    expect(found).toHaveLength(1);
    expect(found[0]?.pointer).toBe('/a'.repeat(400) + '/api_key');
  });

  it('stops after its budget of values', () => {
    const many = [...Array.from({ length: 5000 }, () => ({ x: 1 })), { api_key: 'sk-late' }];
    expect(findSecrets(many)).toHaveLength(1);
    expect(findSecrets(many, [], 512, 1000)).toHaveLength(0);
  });

  it('keeps at most 1,000 findings', () => {
    const keys = Array.from({ length: 5000 }, (_, i) => ({ [`k${i}_token`]: 'x' }));
    expect(findSecrets(keys)).toHaveLength(1000);
  });

  it('scans a 4 KB gzip of 1.9 million values 500 levels down (the secret scan used to crawl it for seconds)', async () => {
    const bytes = gzipDeepWideJson();
    expect(bytes.length).toBeLessThan(10_000);
    const doc = await decodeBytes(bytes, { name: 'deep.json.gz' });
    expect(findSecrets(doc.value)).toEqual([]);
  });
});
