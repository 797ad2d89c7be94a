/**
 * Tensor tables seen as a model: totals per dtype, and a tree of modules from dotted names
 * (`model.layers.0.mlp.up_proj.weight`), each node with the parameters and bytes below it.
 */
export interface TensorRow {
  name: string;
  dtype: string;
  shape: number[];
  bytes: number;
  params: number;
  /** Absolute offset of the tensor's data in its file, where it has one. */
  offset?: number;
  /** The file holding it, for a sharded model. */
  shard?: string;
}

export interface DtypeTotal {
  dtype: string;
  tensors: number;
  params: number;
  bytes: number;
}

export interface TensorTotals {
  tensors: number;
  params: number;
  bytes: number;
  byDtype: DtypeTotal[];
}

export interface TensorNode {
  /** The last part of the dotted name; '' for the root. */
  name: string;
  path: string;
  params: number;
  bytes: number;
  tensors: number;
  children: TensorNode[];
  /** Set on leaves. */
  tensor?: TensorRow;
}

export function tensorTotals(rows: readonly TensorRow[]): TensorTotals {
  const byDtype = new Map<string, DtypeTotal>();
  let params = 0;
  let bytes = 0;
  for (const r of rows) {
    params += r.params;
    bytes += r.bytes;
    const t = byDtype.get(r.dtype) ?? { dtype: r.dtype, tensors: 0, params: 0, bytes: 0 };
    t.tensors++;
    t.params += r.params;
    t.bytes += r.bytes;
    byDtype.set(r.dtype, t);
  }
  return { tensors: rows.length, params, bytes, byDtype: [...byDtype.values()].sort((a, b) => b.bytes - a.bytes) };
}

export function tensorTree(rows: readonly TensorRow[]): TensorNode {
  const root: TensorNode = { name: '', path: '', params: 0, bytes: 0, tensors: 0, children: [] };
  const index = new Map<string, TensorNode>([['', root]]);
  for (const row of rows) {
    const parts = row.name.split('.');
    let node = root;
    let path = '';
    for (let i = 0; i < parts.length; i++) {
      path = path ? `${path}.${parts[i]}` : (parts[i] ?? '');
      node.params += row.params;
      node.bytes += row.bytes;
      node.tensors++;
      let child = index.get(path);
      if (!child) {
        child = { name: parts[i] ?? '', path, params: 0, bytes: 0, tensors: 0, children: [] };
        index.set(path, child);
        node.children.push(child);
      }
      node = child;
    }
    node.params += row.params;
    node.bytes += row.bytes;
    node.tensors++;
    node.tensor = row;
  }
  return root;
}

/** 124_439_808 -> "124.4M": parameter counts as model cards write them. */
export function formatParams(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)}B`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}K`;
  return String(n);
}
