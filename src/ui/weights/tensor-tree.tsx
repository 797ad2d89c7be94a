/**
 * Every tensor of every shard as one module tree (dotted names), each branch with the tensors,
 * parameters and bytes below it. Only the rows in view are rendered: a model has thousands.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';
import { formatParams, type TensorNode } from '../../core/engine/weights/tensor-tree';
import { useWeightsStore } from '../../state/weights-store';
import { formatBytes } from '../format-bytes';
import { shapeText } from './weights-labels';

const ROW_HEIGHT = 30;

interface VisibleRow {
  node: TensorNode;
  depth: number;
}

function visibleRows(root: TensorNode, expanded: ReadonlySet<string>): VisibleRow[] {
  const out: VisibleRow[] = [];
  const walk = (node: TensorNode, depth: number) => {
    for (const child of node.children) {
      out.push({ node: child, depth });
      if (!child.tensor && expanded.has(child.path)) walk(child, depth + 1);
    }
  };
  walk(root, 0);
  return out;
}

export function TensorTree({ root }: { root: TensorNode }) {
  const expanded = useWeightsStore((s) => s.expanded);
  const selected = useWeightsStore((s) => s.selected);
  const toggle = useWeightsStore((s) => s.toggle);
  const expandAll = useWeightsStore((s) => s.expandAll);
  const select = useWeightsStore((s) => s.select);
  const rows = useMemo(() => visibleRows(root, expanded), [root, expanded]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });

  return (
    <section className="weights-card weights-tree-card" aria-labelledby="weights-tree-h">
      <div className="weights-card-head">
        <h2 id="weights-tree-h">Tensors</h2>
        <span className="muted weights-tree-total">
          {root.tensors.toLocaleString('en-US')} tensors · {formatParams(root.params)} params · {formatBytes(root.bytes)}
        </span>
        <div className="weights-card-actions">
          <button type="button" className="button small ghost" onClick={() => expandAll(true)}>
            Expand all
          </button>
          <button type="button" className="button small ghost" onClick={() => expandAll(false)}>
            Collapse all
          </button>
        </div>
      </div>
      <div className="weights-tree-cols" aria-hidden="true">
        <span>Name</span>
        <span className="col-dtype">dtype</span>
        <span className="col-shape">Shape</span>
        <span className="num">Params</span>
        <span className="num">Bytes</span>
      </div>
      <div className="weights-tree-scroll" ref={scroller}>
        <div role="tree" aria-label="Tensor tree" className="weights-tree" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const { node, depth } = rows[item.index]!;
            const leaf = node.tensor;
            const isSelected = leaf !== undefined && selected !== undefined && selected.file === leaf.shard && selected.tensor === leaf.name;
            const open = expanded.has(node.path);
            return (
              <div
                key={node.path}
                role="treeitem"
                aria-level={depth + 1}
                aria-expanded={leaf ? undefined : open}
                aria-selected={leaf ? isSelected : undefined}
                aria-label={node.path}
                data-path={node.path}
                tabIndex={0}
                className={`weights-tree-row${leaf ? ' leaf' : ' branch'}${isSelected ? ' selected' : ''}`}
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                onClick={() => (leaf ? select(leaf.shard ?? '', leaf.name) : toggle(node.path))}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    if (leaf) select(leaf.shard ?? '', leaf.name);
                    else toggle(node.path);
                  } else if (!leaf && ((e.key === 'ArrowRight' && !open) || (e.key === 'ArrowLeft' && open))) {
                    e.preventDefault();
                    toggle(node.path);
                  }
                }}
              >
                <span className="weights-tree-name" style={{ paddingLeft: depth * 16 }}>
                  <span className={`twisty${leaf ? ' none' : open ? ' open' : ''}`} aria-hidden="true" />
                  <span className="mono">{node.name}</span>
                  {!leaf && <span className="count">{node.tensors.toLocaleString('en-US')}</span>}
                </span>
                <span className="mono col-dtype">{leaf?.dtype ?? ''}</span>
                <span className="mono col-shape muted">{leaf ? shapeText(leaf.shape) : ''}</span>
                <span className="num" title={`${node.params.toLocaleString('en-US')} parameters`}>
                  {formatParams(node.params)}
                </span>
                <span className="num muted">{formatBytes(node.bytes)}</span>
              </div>
            );
          })}
        </div>
        {rows.length === 0 && <p className="placeholder muted">No tensors.</p>}
      </div>
    </section>
  );
}
