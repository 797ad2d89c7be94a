/// <reference lib="webworker" />
/**
 * The series worker entry: routes typed requests to a SeriesHost and answers every one, with a
 * result or a typed error. Bytes made for the page (a checkpoint file, a packed series) are moved.
 */
import { toErrorInfo } from '../core/engine/errors';
import { SeriesHost, type SeriesMethod, type SeriesParams, type SeriesRequest, type SeriesResponse, type SeriesResult } from './series-host';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const host = new SeriesHost();

type Handlers = { [M in SeriesMethod]: (params: SeriesParams<M>) => SeriesResult<M> | Promise<SeriesResult<M>> };

const handlers: Handlers = {
  open: (p) => host.open(p),
  compare: (p) => host.compare(p),
  checkpointBytes: (p) => host.checkpointBytes(p),
  pack: (p) => host.pack(p),
};

function transferables(result: unknown): Transferable[] {
  const out: Transferable[] = [];
  const add = (b: unknown) => {
    if (b instanceof Uint8Array && b.buffer instanceof ArrayBuffer && !out.includes(b.buffer)) out.push(b.buffer);
  };
  const r = result as { bytes?: unknown; zip?: { bytes?: unknown }; files?: Array<{ bytes?: unknown }> } | null;
  add(r?.bytes);
  add(r?.zip?.bytes);
  // Snapshot files share no buffers with the host's values; a diff file's first entry is the same bytes as the snapshot's, added once.
  for (const f of r?.files ?? []) add(f.bytes);
  return out;
}

scope.onmessage = async (event: MessageEvent<SeriesRequest>) => {
  const { id, method, params } = event.data;
  try {
    const handler = handlers[method] as (p: typeof params) => unknown;
    if (!handler) throw new Error(`Unknown series method ${String(method)}`);
    const result = await handler(params);
    const message: SeriesResponse = { id, kind: 'result', result };
    scope.postMessage(message, transferables(result));
  } catch (e) {
    const message: SeriesResponse = { id, kind: 'error', error: toErrorInfo(e, method) };
    scope.postMessage(message);
  }
};
