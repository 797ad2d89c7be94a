/** Reading the `{$tensor: ...}` summaries that pickleToValue writes for torch tensors. */
import type { ModuleInfo } from '../../model/program';

export interface TensorSummary {
  dtype: string;
  shape: number[];
  device?: string;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function tensorOf(v: unknown): TensorSummary | undefined {
  if (!isObject(v) || !Object.hasOwn(v, '$tensor')) return undefined;
  const t = v.$tensor;
  if (!isObject(t) || typeof t.dtype !== 'string' || !Array.isArray(t.shape)) return undefined;
  return { dtype: t.dtype, shape: t.shape as number[], ...(typeof t.device === 'string' ? { device: t.device } : {}) };
}

export function tensorLabel(t: TensorSummary): string {
  return `${t.dtype} [${t.shape.join(', ')}]${t.device && t.device !== 'cpu' ? ` on ${t.device}` : ''}`;
}

export function asRecord(v: unknown): Record<string, unknown> | undefined {
  return isObject(v) ? v : undefined;
}

/** RFC 6901 escaping of one segment. */
export function seg(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function moduleInfo(path: string[], pointer: string, params: Record<string, unknown>, className?: string): ModuleInfo {
  const info: ModuleInfo = { id: path.length ? path.join('.') : 'self', path, kind: 'module', pointer, demoCount: 0, params };
  if (className) info.className = className;
  return info;
}
