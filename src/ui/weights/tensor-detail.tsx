/**
 * The selected tensor: where it lives (file, byte offset), what it is, and on request its first
 * values with min, max and mean, read by range in the worker.
 */
import type { Scalar } from '../../core/engine/elements';
import { formatParams } from '../../core/engine/weights/tensor-tree';
import { previewKey, useWeightsStore } from '../../state/weights-store';
import { formatBytes } from '../format-bytes';
import { baseName, shapeText } from './weights-labels';

function valueText(v: Scalar | null): string {
  if (v === null) return '—';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toPrecision(6).replace(/\.?0+(e|$)/, '$1');
  return String(v);
}

export function TensorDetail() {
  const selected = useWeightsStore((s) => s.selected);
  const summary = useWeightsStore((s) => s.summary);
  const previews = useWeightsStore((s) => s.previews);
  const preview = useWeightsStore((s) => s.preview);
  const row = selected && summary?.tensors.find((t) => t.shard === selected.file && t.name === selected.tensor);

  if (!selected || !row) {
    return (
      <section className="weights-card weights-detail" aria-label="Selected tensor">
        <h2>Tensor</h2>
        <p className="muted weights-detail-empty">Pick a tensor in the tree to see where it lives and preview its values.</p>
      </section>
    );
  }
  const state = previews[previewKey(selected.file, selected.tensor)];
  return (
    <section className="weights-card weights-detail" aria-label="Selected tensor">
      <h2 className="mono weights-detail-name" title={row.name}>
        {row.name}
      </h2>
      <dl className="weights-facts">
        <dt>dtype</dt>
        <dd className="mono">{row.dtype}</dd>
        <dt>Shape</dt>
        <dd className="mono">{shapeText(row.shape)}</dd>
        <dt>Parameters</dt>
        <dd>
          {formatParams(row.params)}
          {formatParams(row.params) !== String(row.params) && <span className="muted"> ({row.params.toLocaleString('en-US')})</span>}
        </dd>
        <dt>Bytes</dt>
        <dd>{formatBytes(row.bytes)}</dd>
        {row.shard && (
          <>
            <dt>File</dt>
            <dd className="mono weights-wrap">{baseName(row.shard)}</dd>
          </>
        )}
        {row.offset !== undefined && (
          <>
            <dt>Data at</dt>
            <dd>byte {row.offset.toLocaleString('en-US')}</dd>
          </>
        )}
      </dl>
      <div className="weights-preview" aria-label={`Preview of ${row.name}`} aria-live="polite">
        {!state && (
          <button type="button" className="button small" onClick={() => void preview(selected.file, selected.tensor)}>
            Preview values
          </button>
        )}
        {state?.status === 'loading' && <p className="muted">Reading…</p>}
        {state?.status === 'error' && (
          <p className="inline-error" role="alert">
            {state.error.message} [{state.error.layer}]
          </p>
        )}
        {state?.status === 'done' && state.preview.kind === 'values' && (
          <>
            <dl className="weights-stats small">
              <Stat label="min" value={valueText(state.preview.min)} />
              <Stat label="max" value={valueText(state.preview.max)} />
              <Stat label="mean" value={valueText(state.preview.mean)} />
              {state.preview.nanCount > 0 && <Stat label="NaN" value={state.preview.nanCount.toLocaleString('en-US')} />}
            </dl>
            <div className="weights-first">
              <span className="muted">First values</span>
              <code data-testid="weights-first-values">[{state.preview.first.map(valueText).join(', ')}]</code>
            </div>
            {state.preview.counted < state.preview.numel && (
              <p className="muted">
                Statistics over the first {state.preview.counted.toLocaleString('en-US')} of {state.preview.numel.toLocaleString('en-US')} values.
              </p>
            )}
          </>
        )}
        {state?.status === 'done' && state.preview.kind === 'raw' && (
          <>
            <p className="muted">{state.preview.reason}.</p>
            <div className="weights-first">
              <span className="muted">First bytes</span>
              <code>{state.preview.firstBytes.map((b) => b.toString(16).padStart(2, '0')).join(' ')}</code>
            </div>
          </>
        )}
      </div>
    </section>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="weights-stat">
      <dt>{label}</dt>
      <dd className="mono">{value}</dd>
    </div>
  );
}
