/** The series page: timeline, chart, compare and download for the checkpoints dropped together. */
import { proposalParts } from '../../core/program/series/series-names';
import { useSeriesStore } from '../../state/series-store';
import { SeriesChart } from './series-chart';
import { SeriesCompare } from './series-compare';
import { SeriesDownload } from './series-download';
import { SeriesTimeline } from './series-timeline';
import './series.css';
import { openCheckpoint } from '../../state/session/open-checkpoint';

export function SeriesView() {
  const status = useSeriesStore((s) => s.status);
  const loadingNames = useSeriesStore((s) => s.loadingNames);
  const timeline = useSeriesStore((s) => s.timeline);
  const comparison = useSeriesStore((s) => s.comparison);
  const openedIndex = useSeriesStore((s) => s.openedIndex);
  const error = useSeriesStore((s) => s.error);
  const ignored = useSeriesStore((s) => s.ignoredFiles);
  const compare = useSeriesStore((s) => s.compare);
  const close = useSeriesStore((s) => s.close);
  const dismissError = useSeriesStore((s) => s.dismissError);

  if (!timeline) {
    return (
      <div className="series-view">
        <p className="placeholder muted" role="status">
          {status === 'loading' ? `Reading ${loadingNames.length} checkpoints…` : 'No series is open.'}
        </p>
      </div>
    );
  }
  const cps = timeline.checkpoints;
  const broken = cps.filter((c) => c.error).length;
  const full = cps.filter((c) => c.kind === 'full').length;
  const diffs = cps.filter((c) => c.kind === 'diff').length;

  return (
    <div className="series-view">
      <header className="series-head">
        <div>
          <h1>
            Checkpoint series <span className="mono series-base">{proposalParts({ base: timeline.base, order: 0 }).base}</span>
          </h1>
          <p className="muted">
            {`${cps.length} checkpoints · ${full} full · ${diffs} diff${diffs === 1 ? '' : 's'}`}
            {broken > 0 && <span className="series-broken-count">{` · ${broken} not loadable`}</span>}
            {status === 'loading' && ` · reading ${loadingNames.length} new files…`}
          </p>
          {ignored.length > 0 && <p className="muted">{`Not part of the series: ${ignored.join(', ')}`}</p>}
        </div>
        <button type="button" className="button small" onClick={close}>
          Close series
        </button>
      </header>
      {error && (
        <div className="series-alert" role="alert">
          <span>{`${error.message} [${error.layer}]`}</span>
          <button type="button" className="button small" onClick={dismissError}>
            Dismiss
          </button>
        </div>
      )}
      <section className="series-card" aria-labelledby="series-timeline-h">
        <h2 id="series-timeline-h">Timeline</h2>
        <SeriesTimeline
          checkpoints={cps}
          metricNames={timeline.metricNames}
          {...(openedIndex !== undefined ? { openedIndex } : {})}
          onOpen={(i) => void openCheckpoint(i)}
        />
      </section>
      <div className="series-grid">
        <section className="series-card" aria-labelledby="series-chart-h">
          <h2 id="series-chart-h">Across the series</h2>
          <SeriesChart key={timeline.base + cps.length} checkpoints={cps} metricNames={timeline.metricNames} />
        </section>
        <section className="series-card" aria-labelledby="series-download-h">
          <h2 id="series-download-h">Download series</h2>
          <SeriesDownload />
        </section>
      </div>
      <section className="series-card" aria-labelledby="series-compare-h">
        <h2 id="series-compare-h">Compare two checkpoints</h2>
        <SeriesCompare
          key={`${timeline.base}:${cps.map((c) => c.name).join('|')}`}
          checkpoints={cps}
          {...(comparison ? { comparison } : {})}
          onCompare={(a, b) => void compare(a, b)}
        />
      </section>
    </div>
  );
}
