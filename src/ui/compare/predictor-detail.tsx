/** One predictor's changes: instructions as a word diff, fields and settings as tables, demos as a virtualized list. */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { TakeRequest } from '../../core/program/compare/take';
import type { DemoChange, PredictorComparison, ValueChange } from '../../core/program/compare/types';

function show(v: unknown): string {
  if (v === undefined) return '—';
  const text = typeof v === 'string' ? v : JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
  return text.length > 400 ? text.slice(0, 399) + '…' : text;
}

function Table({ title, rows }: { title: string; rows: ValueChange[] }) {
  if (rows.length === 0) return null;
  return (
    <section className="compare-section">
      <h3>{title}</h3>
      <table className="compare-table">
        <thead>
          <tr>
            <th>Key</th>
            <th>A</th>
            <th>B</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <td>{r.key}</td>
              <td className="removed">{show(r.a)}</td>
              <td className="added">{show(r.b)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function where(d: DemoChange): string {
  if (d.change === 'added') return `B#${d.b! + 1}`;
  if (d.change === 'removed') return `A#${d.a! + 1}`;
  return `A#${d.a! + 1} → B#${d.b! + 1}`;
}

function DemoRow({ d, take }: { d: DemoChange; take?: () => void }) {
  return (
    <div className={`compare-demo change-${d.change}`} data-testid="compare-demo">
      <div className="compare-demo-head">
        <span className={`badge status-${d.change}`}>{d.change === 'changed' && d.moved ? 'changed, moved' : d.change}</span>
        <span className="mono muted">{where(d)}</span>
        <span className="compare-demo-title">{d.title || '(empty)'}</span>
        {d.matchedBy && d.matchedBy !== 'content' && <span className="muted small">by {d.matchedBy}</span>}
        {take && (
          <button type="button" className="button small" onClick={take} aria-label={`Take demo ${where(d)} from B`}>
            {d.change === 'changed' ? 'Take B’s' : 'Take'}
          </button>
        )}
      </div>
      {d.fields && d.fields.length > 0 && (
        <dl className="compare-demo-fields">
          {d.fields.map((f) => (
            <div key={f.field}>
              <dt>{f.field}</dt>
              <dd>
                <del>{show(f.a)}</del> <ins>{show(f.b)}</ins>
              </dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}

export function PredictorDetail({
  predictor: p,
  otherName,
  canTake,
  onTake,
}: {
  predictor: PredictorComparison;
  otherName: string;
  canTake: boolean;
  onTake(t: TakeRequest): void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: p.demos.length, getScrollElement: () => scroller.current, estimateSize: () => 64, overscan: 6 });
  const paired = p.aId !== undefined && p.bId !== undefined;
  const takeDemo = (d: DemoChange): (() => void) | undefined =>
    canTake && paired && d.b !== undefined && d.change !== 'moved'
      ? () => onTake({ kind: 'demo', aId: p.aId!, bId: p.bId!, b: d.b!, ...(d.change === 'changed' ? { a: d.a! } : {}) })
      : undefined;
  return (
    <div className="compare-detail" aria-label={`Changes of ${p.id}`}>
      <div className="compare-detail-top">
        <h2 className="compare-detail-title">{p.summary}</h2>
        {p.instructions && (
          <section className="compare-section">
            <h3>
              Instructions{' '}
              {canTake && paired && (
                <button type="button" className="button small" onClick={() => onTake({ kind: 'instructions', aId: p.aId!, bId: p.bId! })}>
                  Take from {otherName}
                </button>
              )}
            </h3>
            <p className="compare-words">
              {p.instructions.parts.map((w, i) =>
                w.kind === 'added' ? <ins key={i}>{w.text}</ins> : w.kind === 'removed' ? <del key={i}>{w.text}</del> : <span key={i}>{w.text}</span>,
              )}
            </p>
          </section>
        )}
        {p.fields.length > 0 && (
          <Table
            title="Fields"
            rows={p.fields.flatMap((f) =>
              f.change === 'changed' ? f.props.map((r) => ({ ...r, key: `${f.field}: ${r.key}` })) : [{ key: `${f.field}: ${f.change}` }],
            )}
          />
        )}
        <Table title="LM settings" rows={p.lm} />
        <Table title="Settings" rows={p.params} />
      </div>
      {p.demos.length > 0 && (
        <section className="compare-section compare-demos">
          <h3>
            Demos{' '}
            <span className="muted small">
              ({p.demoCounts.a.toLocaleString('en-US')} in A, {p.demoCounts.b.toLocaleString('en-US')} in B, {p.demoCounts.same.toLocaleString('en-US')}{' '}
              unchanged)
            </span>
          </h3>
          {p.similarityCapped && <p className="muted small">Too many unmatched demos to pair by similarity: they are listed as added and removed.</p>}
          <div className="compare-demo-scroller" ref={scroller} role="list" aria-label="Demo changes">
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualizer.getVirtualItems().map((item) => (
                <div
                  key={item.key}
                  role="listitem"
                  data-index={item.index}
                  ref={virtualizer.measureElement}
                  className="compare-demo-slot"
                  style={{ transform: `translateY(${item.start}px)` }}
                >
                  <DemoRow d={p.demos[item.index]!} take={takeDemo(p.demos[item.index]!)} />
                </div>
              ))}
            </div>
          </div>
        </section>
      )}
    </div>
  );
}
