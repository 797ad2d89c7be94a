/**
 * Saved module ids to tree segments. DSPy joins nested names with ".", lists with "[i]" and
 * dicts with "['key']" (the key may itself contain dots or brackets, so this is a tokenizer,
 * not a split).
 */
import type { ModuleInfo, ModuleTreeNode } from './program';

export function parseModuleId(id: string): string[] {
  const segs: string[] = [];
  let cur = '';
  let i = 0;
  const flush = (): void => {
    if (cur !== '') segs.push(cur);
    cur = '';
  };
  while (i < id.length) {
    const c = id[i];
    if (c === '.') {
      flush();
      i++;
    } else if (c === '[') {
      flush();
      const quote = id[i + 1];
      if (quote === "'" || quote === '"') {
        const end = id.indexOf(quote + ']', i + 2);
        if (end < 0) {
          cur = id.slice(i);
          i = id.length;
        } else {
          segs.push(id.slice(i, end + 2));
          i = end + 2;
        }
      } else {
        const end = id.indexOf(']', i);
        const stop = end < 0 ? id.length : end + 1;
        segs.push(id.slice(i, stop));
        i = stop;
      }
    } else {
      cur += c;
      i++;
    }
  }
  flush();
  return segs.length > 0 ? segs : [id];
}

/** The module tree in saved order; intermediate nodes (e.g. `react` of `react.extract.predict`) have no module. */
export function buildModuleTree(modules: readonly ModuleInfo[]): ModuleTreeNode[] {
  const roots: ModuleTreeNode[] = [];
  const index = new Map<string, ModuleTreeNode>();
  for (const m of modules) {
    let level = roots;
    const path: string[] = [];
    let node: ModuleTreeNode | undefined;
    for (const seg of m.path) {
      path.push(seg);
      const key = JSON.stringify(path);
      node = index.get(key);
      if (!node) {
        node = { segment: seg, path: [...path], children: [] };
        index.set(key, node);
        level.push(node);
      }
      level = node.children;
    }
    if (node) node.module = m;
  }
  return roots;
}
