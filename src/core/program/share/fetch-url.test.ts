import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FormatError } from '../../engine/errors';
import { fetchUrl, fileNameFromUrl } from './fetch-url';

const body = new Uint8Array(200_000).map((_, i) => i % 251);
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/missing.json') return void res.writeHead(404, 'Not Found').end();
    res.writeHead(200, { 'content-length': String(body.length) });
    // Several writes, so the reader sees several chunks.
    for (let i = 0; i < body.length; i += 50_000) res.write(body.subarray(i, i + 50_000));
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function errorOf(promise: Promise<unknown>): Promise<FormatError> {
  const e = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(FormatError);
  return e as FormatError;
}

describe('fetchUrl', () => {
  it('streams the body with progress against Content-Length', async () => {
    const seen: Array<[number, number]> = [];
    const file = await fetchUrl(`${base}/files/program%20v2.json`, { onProgress: (d, t) => seen.push([d, t]) });
    expect(file.bytes).toEqual(body);
    expect(file.name).toBe('program v2.json');
    expect(seen[0]).toEqual([0, body.length]);
    expect(seen.at(-1)).toEqual([body.length, body.length]);
    expect(seen.length).toBeGreaterThan(2);
  });

  it('names CORS when the request is refused', async () => {
    const refused = async () => Promise.reject(new TypeError('Failed to fetch'));
    const e = await errorOf(fetchUrl('https://example.org/p.json', { fetchImpl: refused }));
    expect(e.layer).toBe('url');
    expect(e.message).toMatch(/CORS/);
    expect(e.message).toMatch(/example\.org/);
  });

  it('says which HTTP status the server gave, and refuses other schemes and caps', async () => {
    expect((await errorOf(fetchUrl(`${base}/missing.json`))).message).toMatch(/HTTP 404/);
    expect((await errorOf(fetchUrl('file:///etc/passwd'))).code).toBe('invalid');
    expect((await errorOf(fetchUrl('not a url'))).code).toBe('invalid');
    expect((await errorOf(fetchUrl(`${base}/big.json`, { maxBytes: 1000 }))).code).toBe('limit');
  });

  it('takes the file name from the path', () => {
    expect(fileNameFromUrl(new URL('https://h.example/a/b/state.json.gz?x=1'))).toBe('state.json.gz');
    expect(fileNameFromUrl(new URL('https://h.example/'))).toBe('download');
  });
});
