/// <reference lib="webworker" />
/**
 * The one place the app may reach another host: the `?url=` file the user confirmed. The page's
 * Content-Security-Policy allows no other host (`connect-src 'self' blob: data:`); a worker loaded
 * from its own script URL runs under the policy its own response carries instead (none from a host
 * that sends no headers; the narrow one `public/_headers` gives this file where headers are served).
 * It fetches exactly one address, the one it is sent after the click, then closes. See docs/deploy.md.
 */
import { toErrorInfo } from '../core/engine/errors';
import { fetchUrl } from '../core/program/share/fetch-url';

export type UrlFetchMessage =
  | { kind: 'progress'; done: number; total: number }
  | { kind: 'done'; name: string; bytes: Uint8Array }
  | { kind: 'error'; error: ReturnType<typeof toErrorInfo> };

const scope = self as unknown as DedicatedWorkerGlobalScope;
let used = false;

scope.onmessage = async (event: MessageEvent<{ url: string }>) => {
  // One address per worker: a second message is never a second fetch.
  if (used) return;
  used = true;
  const post = (message: UrlFetchMessage, transfer: Transferable[] = []) => scope.postMessage(message, transfer);
  try {
    const file = await fetchUrl(event.data.url, { onProgress: (done, total) => post({ kind: 'progress', done, total }) });
    post({ kind: 'done', name: file.name, bytes: file.bytes }, [file.bytes.buffer]);
  } catch (e) {
    post({ kind: 'error', error: toErrorInfo(e, 'url') });
  }
  scope.close();
};
