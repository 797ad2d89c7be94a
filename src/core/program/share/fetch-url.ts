/**
 * `?url=`: the one request the app makes to another host, and only because the user put the address in
 * the URL. The body is streamed so the page can show progress (Content-Length when the server sends
 * it). A request the browser refuses gives no reason to scripts; CORS is by far the usual one, so the
 * error names it.
 */
import { FormatError } from '../../engine/errors';

export interface FetchedFile {
  name: string;
  bytes: Uint8Array;
}

export interface FetchOptions {
  signal?: AbortSignal;
  /** `total` is 0 when the server does not say how long the body is. */
  onProgress?: (done: number, total: number) => void;
  maxBytes?: number;
  fetchImpl?: typeof fetch;
}

const DEFAULT_MAX_BYTES = 2 * 1024 ** 3;

/** The last path segment, decoded, as the file name hint; 'download' when the path has none. */
export function fileNameFromUrl(url: URL): string {
  const last = url.pathname.split('/').filter(Boolean).at(-1) ?? '';
  try {
    return decodeURIComponent(last) || 'download';
  } catch {
    return last || 'download';
  }
}

export function parseFetchUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new FormatError({ code: 'invalid', layer: 'url', message: `"${text}" is not a web address; ?url= needs a full https:// or http:// address.` });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new FormatError({ code: 'invalid', layer: 'url', message: `?url= only fetches http:// and https:// addresses, not ${url.protocol}` });
  }
  return url;
}

function cancelled(): FormatError {
  return new FormatError({ code: 'cancelled', layer: 'url', message: 'Cancelled.' });
}

export async function fetchUrl(text: string, options: FetchOptions = {}): Promise<FetchedFile> {
  const url = parseFetchUrl(text);
  const doFetch = options.fetchImpl ?? fetch;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let response: Response;
  try {
    // No cookies and no referrer: the host learns only that someone fetched the file.
    response = await doFetch(url.href, { signal: options.signal, credentials: 'omit', referrerPolicy: 'no-referrer', mode: 'cors' });
  } catch (e) {
    if (options.signal?.aborted) throw cancelled();
    throw new FormatError(
      {
        code: 'unsupported',
        layer: 'url',
        message:
          `${url.host} refused to give the file to this page. The likely cause is CORS: the server does not send an ` +
          `Access-Control-Allow-Origin header, so the browser keeps its files from other sites. Download the file and ` +
          `open it here instead, or host it where CORS is allowed. (It can also mean you are offline or the address is wrong.)`,
      },
      { cause: e },
    );
  }
  if (!response.ok) {
    throw new FormatError({
      code: 'invalid',
      layer: 'url',
      message: `${url.host} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''} for ${url.pathname}.`,
    });
  }
  const header = Number(response.headers.get('content-length') ?? '');
  const total = Number.isFinite(header) && header > 0 ? header : 0;
  if (total > maxBytes) throw new FormatError({ code: 'limit', layer: 'url', message: `The file is ${total} bytes; at most ${maxBytes} bytes are fetched.` });
  const chunks: Uint8Array[] = [];
  let done = 0;
  options.onProgress?.(0, total);
  if (response.body) {
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { value, done: end } = await reader.read();
        if (end) break;
        done += value.length;
        if (done > maxBytes) {
          await reader.cancel();
          throw new FormatError({ code: 'limit', layer: 'url', message: `The file is larger than ${maxBytes} bytes, the most that is fetched.` });
        }
        chunks.push(value);
        options.onProgress?.(done, Math.max(total, done));
      }
    } catch (e) {
      if (e instanceof FormatError) throw e;
      if (options.signal?.aborted) throw cancelled();
      throw new FormatError(
        { code: 'truncated', layer: 'url', message: `The download from ${url.host} stopped after ${done} bytes.`, offset: done },
        { cause: e },
      );
    }
  }
  const bytes = new Uint8Array(done);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return { name: fileNameFromUrl(url), bytes };
}
