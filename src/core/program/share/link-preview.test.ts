import { describe, expect, it } from 'vitest';
import { gzipSync } from 'fflate';
import { FormatError } from '../../engine/errors';
import { previewShareLink, previewUrl } from './link-preview';
import { encodeShareLink } from './share-link';

const json = new TextEncoder().encode(JSON.stringify({ predict: { demos: [], signature: { instructions: 'x', fields: [] } } }));

describe('link previews', () => {
  it('name the file, its unpacked size and the format its bytes announce', () => {
    const plain = previewShareLink(encodeShareLink({ name: 'rag.json', bytes: json }), 'predict');
    expect(plain).toMatchObject({ name: 'rag.json', size: json.length, format: 'JSON', moduleId: 'predict' });
    // Sniffed by bytes: a gzip under a .json name is still called gzip.
    const gz = gzipSync(json);
    expect(previewShareLink(encodeShareLink({ name: 'rag.json', bytes: gz })).format).toBe('gzip-compressed');
    expect(previewShareLink(encodeShareLink({ name: 'x', bytes: new Uint8Array([0x80, 0x04, 0x95]) })).format).toBe('Python pickle or PyTorch file');
  });

  it('refuse a damaged link with its typed error, before anything opens', () => {
    const payload = encodeShareLink({ name: 'rag.json', bytes: json });
    expect(() => previewShareLink(payload.slice(0, -6))).toThrow(FormatError);
  });

  it('show the address and host of ?url= without fetching', () => {
    expect(previewUrl('https://files.example.org/a/state%20v2.json.gz?x=1')).toEqual({
      kind: 'url',
      url: 'https://files.example.org/a/state%20v2.json.gz?x=1',
      host: 'files.example.org',
      name: 'state v2.json.gz',
    });
    expect(() => previewUrl('javascript:alert(1)')).toThrow(FormatError);
  });
});
