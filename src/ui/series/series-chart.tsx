/**
 * One chosen number across the series as a small line chart, drawn as SVG (no chart library).
 * Screen readers get a summary sentence and the same numbers as a table.
 */
import { useId, useState } from 'react';
import type { CheckpointRow } from '../../core/program/series/series-types';
import { metricOf } from '../../core/program/series/read-series';
import { formatNumber } from './series-format';

const W = 640;
const H = 180;
const PAD = { left: 56, right: 24, top: 14, bottom: 34 };
/** Points sit this far inside the axes, so the first one does not sit on the y axis. */
const INSET = 18;

export function SeriesChart({ checkpoints, metricNames }: { checkpoints: CheckpointRow[]; metricNames: string[] }) {
  const [metric, setMetric] = useState(metricNames[0] ?? '');
  const id = useId();
  if (metricNames.length === 0) return <p className="muted">No numbers to chart in these checkpoints.</p>;
  const chosen = metricNames.includes(metric) ? metric : metricNames[0]!;
  const points = checkpoints.map((cp) => ({ cp, v: metricOf(cp, chosen) }));
  const values = points.flatMap((p) => (p.v === undefined ? [] : [p.v]));
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || Math.abs(max) || 1;
  const lo = max === min ? min - span / 2 : min;
  const hi = max === min ? max + span / 2 : max;
  const inner = W - PAD.left - PAD.right - 2 * INSET;
  const x = (i: number) => PAD.left + INSET + (checkpoints.length === 1 ? inner / 2 : (i * inner) / (checkpoints.length - 1));
  const y = (v: number) => PAD.top + 6 + (1 - (v - lo) / (hi - lo)) * (H - PAD.top - PAD.bottom - 12);
  // A break leaves a gap in the line: the points on either side are not joined.
  const segments: string[] = [];
  let current: string[] = [];
  points.forEach((p, i) => {
    if (p.v === undefined) {
      if (current.length) segments.push(current.join(' '));
      current = [];
    } else current.push(`${x(i).toFixed(1)},${y(p.v).toFixed(1)}`);
  });
  if (current.length) segments.push(current.join(' '));
  const first = values[0];
  const last = values[values.length - 1];
  const description =
    values.length === 0
      ? `No checkpoint has ${chosen}.`
      : `${chosen} from ${formatNumber(first!)} to ${formatNumber(last!)} over ${values.length} checkpoints; lowest ${formatNumber(min)}, highest ${formatNumber(max)}.`;

  return (
    <div className="series-chart">
      <label className="series-inline-label">
        Number
        <select className="select" value={chosen} onChange={(e) => setMetric(e.target.value)} aria-label="Number to chart">
          {metricNames.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </label>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t ${id}-d`} className="series-svg">
        <title id={`${id}-t`}>{`${chosen} across the series`}</title>
        <desc id={`${id}-d`}>{description}</desc>
        <line className="axis" x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} />
        <line className="axis" x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={H - PAD.bottom} />
        {values.length > 0 && (
          <>
            <text className="tick" x={PAD.left - 6} y={y(hi) + 4} textAnchor="end">
              {formatNumber(hi)}
            </text>
            <text className="tick" x={PAD.left - 6} y={y(lo) + 4} textAnchor="end">
              {formatNumber(lo)}
            </text>
          </>
        )}
        {segments.map((s, i) => (
          <polyline key={i} className="line" points={s} />
        ))}
        {points.map((p, i) => (
          <g key={p.cp.index}>
            {p.v !== undefined ? (
              <circle className="dot" cx={x(i)} cy={y(p.v)} r={4} />
            ) : (
              <text className="gap" x={x(i)} y={(H - PAD.bottom + PAD.top) / 2} textAnchor="middle">
                ×
              </text>
            )}
            <text className="tick" x={x(i)} y={H - PAD.bottom + 16} textAnchor="middle">
              {p.cp.tag ?? `#${p.cp.index + 1}`}
            </text>
          </g>
        ))}
      </svg>
      <details className="series-chart-table">
        <summary>Values as a table</summary>
        <table className="series-table compact" aria-label={`${chosen} per checkpoint`}>
          <thead>
            <tr>
              <th scope="col">Checkpoint</th>
              <th scope="col" className="num">
                {chosen}
              </th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.cp.index}>
                <td className="mono">{p.cp.name}</td>
                <td className="num mono">{p.v === undefined ? '—' : formatNumber(p.v)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
