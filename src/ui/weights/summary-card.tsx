/** What the opened weights are at a glance: format, tensors, parameters, bytes, and bytes per dtype. */
import type { FolderSummary } from '../../core/engine/weights/model-folder';
import { formatParams } from '../../core/engine/weights/tensor-tree';
import { formatBytes } from '../format-bytes';
import { formatLine } from './weights-labels';

export function SummaryCard({ summary }: { summary: FolderSummary }) {
  const { totals } = summary;
  const index = summary.shards?.totalSize;
  return (
    <section className="weights-card weights-summary" aria-label="Summary">
      <dl className="weights-stats">
        <Stat label="Format" value={formatLine(summary)} testId="weights-format" />
        <Stat label="Tensors" value={totals.tensors.toLocaleString('en-US')} testId="weights-tensors" />
        <Stat label="Parameters" value={formatParams(totals.params)} title={`${totals.params.toLocaleString('en-US')} parameters`} testId="weights-params" />
        <Stat label="Tensor bytes" value={formatBytes(totals.bytes)} title={`${totals.bytes.toLocaleString('en-US')} bytes`} testId="weights-bytes" />
        {summary.dtype && <Stat label="dtype" value={summary.dtype} />}
        {summary.architecture && <Stat label="Architecture" value={summary.architecture} />}
        {summary.embeddings && (
          <Stat label="Embeddings" value={`${summary.embeddings.count.toLocaleString('en-US')} × ${summary.embeddings.dimension.toLocaleString('en-US')}`} />
        )}
      </dl>
      {totals.byDtype.length > 0 && (
        <div className="weights-dtypes">
          <div className="weights-dtype-bar" aria-hidden="true">
            {totals.byDtype.map((d, i) => (
              <span key={d.dtype} className={`weights-dtype-seg seg-${i % 8}`} style={{ flexGrow: Math.max(d.bytes, 1) }} />
            ))}
          </div>
          <ul className="weights-dtype-list" aria-label="Totals per dtype">
            {totals.byDtype.map((d, i) => (
              <li key={d.dtype} data-dtype={d.dtype}>
                <span className={`weights-dtype-dot seg-${i % 8}`} aria-hidden="true" />
                <span className="mono weights-dtype-name">{d.dtype}</span>
                <span className="muted">
                  {d.tensors.toLocaleString('en-US')} tensor{d.tensors === 1 ? '' : 's'} · {formatParams(d.params)} params · {formatBytes(d.bytes)}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {index && (
        <p className={index.declared === index.actual ? 'weights-index-ok' : 'weights-index-bad'}>
          {index.declared === index.actual
            ? `The index's total_size (${index.declared.toLocaleString('en-US')} bytes) matches the shards' tensors.`
            : `The index says total_size ${index.declared.toLocaleString('en-US')} bytes; the shards' tensors add up to ${index.actual.toLocaleString('en-US')}.`}
        </p>
      )}
    </section>
  );
}

function Stat({ label, value, title, testId }: { label: string; value: string; title?: string; testId?: string }) {
  return (
    <div className="weights-stat">
      <dt>{label}</dt>
      <dd title={title} data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
