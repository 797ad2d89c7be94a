/// <reference lib="webworker" />
/**
 * The worker entry: routes typed requests to a DocumentHost and posts results, progress and typed
 * errors back. Every failure is caught and answered: an unanswered request would hang the page.
 */
import { toErrorInfo } from '../core/engine/errors';
import { DocumentHost } from './document-host';
import type { Method, Params, Progress, RequestMessage, ResponseMessage, Result } from './protocol';
import { throttleProgress } from './throttle-progress';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const host = new DocumentHost();

type Handlers = { [M in Method]: (params: Params<M>, onProgress: (p: Progress) => void) => Result<M> | Promise<Result<M>> };

const handlers: Handlers = {
  open: (params, onProgress) => host.open(params, onProgress),
  unlock: (params, onProgress) => host.unlock(params, onProgress),
  lockInfo: () => host.lockInfo(),
  historyKey: () => host.historyKey(),
  text: (params) => host.text(params),
  module: (params) => host.module(params),
  originalModule: (params) => host.originalModule(params),
  demos: (params) => host.demos(params),
  filterDemos: (params) => host.filterDemos(params),
  edit: (params) => host.edit(params),
  applyOps: (params) => host.applyOps(params),
  changedModules: () => host.changedModules(),
  original: (params) => host.original(params),
  redactedOriginal: () => host.redactedOriginal(),
  versionDiff: (params) => host.versionDiff(params),
  versionText: (params) => host.versionText(params),
  encode: () => host.encode(),
  export: (params) => host.export(params),
  exportModule: (params) => host.exportModule(params),
  readModuleFile: (params) => host.readModuleFile(params),
  importModule: (params) => host.importModule(params),
  migrationPlan: (params) => host.migrationPlan(params),
  migrate: (params) => host.migrate(params),
  prompt: (params) => host.prompt(params),
  promptReport: (params) => host.promptReport(params),
  compareWith: (params, onProgress) => host.compareWith(params, onProgress),
  compareTake: (params) => host.compareTake(params),
  compareClose: () => host.compareClose(),
  disassembly: (params) => host.disassembly(params),
  tensors: (params) => host.tensors(params),
  tensorPreview: (params) => host.tensorPreview(params),
};

function post(message: ResponseMessage, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

/** An export's bytes (made for the page alone) move there instead of being copied. */
function transferablesOf(method: Method, result: unknown): Transferable[] {
  if (method !== 'export' && method !== 'exportModule') return [];
  const bytes = (result as { bytes?: unknown } | null)?.bytes;
  return bytes instanceof Uint8Array && bytes.buffer instanceof ArrayBuffer ? [bytes.buffer] : [];
}

scope.onmessage = async (event: MessageEvent<RequestMessage>) => {
  const { id, method, params } = event.data;
  const onProgress = throttleProgress((progress: Progress) => post({ id, kind: 'progress', progress }));
  try {
    const handler = handlers[method] as (p: typeof params, onProgress: (p: Progress) => void) => unknown;
    if (!handler) throw new Error(`Unknown worker method ${String(method)}`);
    const result = await handler(params, onProgress);
    post({ id, kind: 'result', result }, transferablesOf(method, result));
  } catch (e) {
    post({ id, kind: 'error', error: toErrorInfo(e, method) });
  }
};
