/** The predictors of a comparison, one summary line each (virtualized: programs may have hundreds). */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { PredictorComparison } from '../../core/program/compare/types';

export function PredictorList({
  predictors,
  selected,
  onSelect,
}: {
  predictors: PredictorComparison[];
  selected: string | undefined;
  onSelect(id: string): void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: predictors.length, getScrollElement: () => scroller.current, estimateSize: () => 52, overscan: 6 });
  return (
    <div className="compare-list" ref={scroller} role="list" aria-label="Predictors">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const p = predictors[item.index]!;
          return (
            <div
              key={p.id}
              role="listitem"
              data-index={item.index}
              ref={virtualizer.measureElement}
              className="compare-list-row"
              style={{ transform: `translateY(${item.start}px)` }}
            >
              <button
                type="button"
                className={p.id === selected ? 'compare-predictor current' : 'compare-predictor'}
                onClick={() => onSelect(p.id)}
                aria-pressed={p.id === selected}
              >
                <span className={`badge status-${p.status}`}>{p.status}</span>
                <span className="compare-predictor-text">{p.summary}</span>
              </button>
            </div>
          );
        })}
      </div>
    </div>
  );
}
