/**
 * A tiny static server for specs that need more than the preview server: the build under a sub-path,
 * files for `?url=` with or without CORS headers, and a response held back until the test releases it.
 * It records every request path it sees.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.webmanifest': 'application/manifest+json',
};

export interface ServedFile {
  bytes: Uint8Array;
  /** Content-Type; application/octet-stream unless set. */
  type?: string;
  /** Send Access-Control-Allow-Origin: * (a CORS-enabled host). */
  cors?: boolean;
  /** Send this many bytes, then wait for `release()` before the rest. */
  holdAfter?: number;
}

export interface StaticServer {
  origin: string;
  /** Paths (with query) of every request received. */
  requests: string[];
  /** Lets held responses finish. */
  release(): void;
  /** Offline: every later request is recorded in `refused` and its connection dropped, as a dead network would. */
  setOffline(offline: boolean): void;
  refused: string[];
  close(): Promise<void>;
}

export async function serveStatic(options: { root?: string; prefix?: string; files?: Record<string, ServedFile> }): Promise<StaticServer> {
  const prefix = options.prefix ?? '/';
  const requests: string[] = [];
  const refused: string[] = [];
  let offline = false;
  let releaseHeld: () => void = () => {};
  const released = new Promise<void>((resolve) => (releaseHeld = resolve));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    if (offline) {
      refused.push(url);
      return void req.socket.destroy();
    }
    requests.push(url);
    const path = decodeURIComponent(url.split('?')[0] ?? '/');
    const file = options.files?.[path];
    if (file) {
      const headers: Record<string, string> = { 'content-type': file.type ?? 'application/octet-stream', 'content-length': String(file.bytes.length) };
      if (file.cors) headers['access-control-allow-origin'] = '*';
      res.writeHead(200, headers);
      if (file.holdAfter === undefined) return void res.end(file.bytes);
      res.write(file.bytes.subarray(0, file.holdAfter));
      await released;
      return void res.end(file.bytes.subarray(file.holdAfter));
    }
    if (!options.root || !path.startsWith(prefix)) return void res.writeHead(404).end('not found');
    let target = normalize(join(options.root, path.slice(prefix.length)));
    if (!target.startsWith(normalize(options.root))) return void res.writeHead(403).end();
    try {
      if ((await stat(target)).isDirectory()) target = join(target, 'index.html');
      const body = await readFile(target);
      res.writeHead(200, { 'content-type': TYPES[extname(target)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  }

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    refused,
    setOffline: (value) => void (offline = value),
    release: () => releaseHeld(),
    close: () =>
      new Promise<void>((resolve) => {
        releaseHeld();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Where the build is hosted in the sub-path journeys: as a team would host it on an intranet. */
export const SUB_PATH = '/tools/program-studio/';

/**
 * Serves the production build (OUT_DIR, else dist) under `prefix` for the tests of one spec file,
 * and stops it after them. Returns a getter: the server exists only once the spec has started.
 */
export function serveBuildForSpec(
  test: { beforeAll(fn: () => Promise<void>): void; afterAll(fn: () => Promise<void>): void },
  prefix = SUB_PATH,
): () => StaticServer {
  let server: StaticServer | undefined;
  test.beforeAll(async () => {
    server = await serveStatic({ root: resolve(process.env.OUT_DIR ?? 'dist'), prefix });
  });
  test.afterAll(async () => server?.close());
  return () => {
    if (!server) throw new Error('the build server starts in beforeAll');
    return server;
  };
}
