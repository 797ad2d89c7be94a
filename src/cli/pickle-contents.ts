/**
 * What `inspect` lists inside a pickle beyond its outline: a torch file's tensors (name, dtype,
 * shape, bytes), and the NumPy arrays a plain pickle holds (dtype, shape), found in the value tree
 * pickleToValue writes (`{$ndarray: {dtype, shape, bytes | items}}`).
 */
import type { Recipe } from '../core/engine/layers/recipe.ts';
import { DEFAULT_LIMITS } from '../core/engine/limits.ts';
import { bytesSource } from '../core/engine/byte-source.ts';
import { openTorchFile } from '../core/engine/torch/torch-file.ts';
import { formatCount } from '../core/engine/errors.ts';

export interface TensorLine {
  name: string;
  dtype: string;
  shape: number[];
  bytes: number;
  device: string;
}

export interface ArrayLine {
  path: string;
  dtype: string;
  shape: number[];
}

export function torchTensors(bytes: Uint8Array, recipe: Recipe): TensorLine[] | undefined {
  const step = recipe.length === 1 ? recipe[0] : undefined;
  const container = step?.layer === 'pickle' ? step.options.container : undefined;
  if (container !== 'torch-zip' && container !== 'torch-legacy') return undefined;
  const file = openTorchFile(bytesSource(bytes), { limits: DEFAULT_LIMITS });
  return file.tensors.map((t) => ({ name: t.path, dtype: t.dtype, shape: t.shape, bytes: t.byteSize, device: t.device }));
}

const seg = (k: string): string => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`);

export function numpyArrays(value: unknown, limit = 10_000): ArrayLine[] {
  const out: ArrayLine[] = [];
  const stack: Array<[unknown, string, number]> = [[value, '', 0]];
  while (stack.length > 0 && out.length < limit) {
    const [v, path, depth] = stack.pop() as [unknown, string, number];
    if (depth > 256 || v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}[${i}]`, depth + 1]);
      continue;
    }
    const o = v as Record<string, unknown>;
    const nd = Object.hasOwn(o, '$ndarray') ? o.$ndarray : undefined;
    if (nd !== null && typeof nd === 'object' && !Array.isArray(nd)) {
      const a = nd as Record<string, unknown>;
      out.push({ path: path === '' ? '(root)' : path.replace(/^\./, ''), dtype: String(a.dtype), shape: Array.isArray(a.shape) ? (a.shape as number[]) : [] });
      continue;
    }
    const keys = Object.keys(o);
    for (let i = keys.length - 1; i >= 0; i--) stack.push([o[keys[i] as string], path + seg(keys[i] as string), depth + 1]);
  }
  return out;
}

export function tensorLines(tensors: readonly TensorLine[]): string[] {
  const total = tensors.reduce((s, t) => s + t.bytes, 0);
  const width = Math.min(60, Math.max(4, ...tensors.map((t) => t.name.length)));
  return [
    `tensors: ${formatCount(tensors.length)}, ${formatCount(total)} bytes`,
    ...tensors.map(
      (t) =>
        `  ${t.name.padEnd(width)}  ${t.dtype.padEnd(8)}  [${t.shape.join(', ')}]  ${formatCount(t.bytes)} bytes${t.device !== 'cpu' ? `  ${t.device}` : ''}`,
    ),
  ];
}

export function arrayLines(arrays: readonly ArrayLine[]): string[] {
  return [`numpy arrays: ${formatCount(arrays.length)}`, ...arrays.map((a) => `  ${a.path}: ${a.dtype} [${a.shape.join(', ')}]`)];
}
