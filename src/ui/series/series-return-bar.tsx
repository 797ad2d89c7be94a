/** Shown above a checkpoint opened from a series: which one it is, and the way back to the timeline. */
import { proposalParts } from '../../core/program/series/series-names';
import { useSeriesStore } from '../../state/series-store';
import './series.css';

export function SeriesReturnBar() {
  const open = useSeriesStore((s) => s.status !== 'closed' && s.view === 'document');
  const timeline = useSeriesStore((s) => s.timeline);
  const index = useSeriesStore((s) => s.openedIndex);
  const showSeries = useSeriesStore((s) => s.showSeries);
  if (!open || !timeline) return null;
  const cp = index !== undefined ? timeline.checkpoints[index] : undefined;
  return (
    <div className="series-return" role="region" aria-label="Opened from a series">
      <span>
        {cp ? `Checkpoint ${index! + 1} of ${timeline.checkpoints.length} of the series ` : 'From the series '}
        <span className="mono">{proposalParts({ base: timeline.base, order: 0 }).base}</span>
        {cp?.tag && <span className="badge accent">{cp.tag}</span>}
        <span className="muted">{' · edits here have their own history; the series files are not changed.'}</span>
      </span>
      <button type="button" className="button small" onClick={showSeries}>
        Back to series
      </button>
    </div>
  );
}
