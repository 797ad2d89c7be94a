/**
 * A torch file's tensors: name, dtype, shape, strides, bytes, device and storage key, for the
 * selected module or the whole file, in file order or largest first. Rows come from the worker a
 * page at a time; "Preview" asks the worker to read that one tensor's bytes.
 */
import { useState } from 'react';
import { useSelectionStore } from '../../state/selection-store';
import type { Result, TensorRow } from '../../worker/protocol';
import { formatBytes } from '../format-bytes';
import { isStale, useWorkerAsk, useWorkerQuery } from '../../state/session/use-worker-query';

const PAGE = 200;

type Page = Result<'tensors'>;
type Preview = Result<'tensorPreview'> | { error: string } | 'loading';

function formatValue(v: number | bigint | boolean | null): string {
  if (v === null) return '—';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toPrecision(6).replace(/\.?0+(e|$)/, '$1');
  return String(v);
}

export function TensorTable() {
  const ask = useWorkerAsk();
  const selected = useSelectionStore((s) => s.moduleId);
  const [wholeFile, setWholeFile] = useState(false);
  const [sort, setSort] = useState<'file' | 'size'>('file');
  const [previews, setPreviews] = useState<ReadonlyMap<number, Preview>>(new Map());
  const moduleId = wholeFile || selected === undefined || selected === 'self' ? undefined : selected;
  const first = useWorkerQuery('tensors', { offset: 0, limit: PAGE, sort, ...(moduleId !== undefined ? { moduleId } : {}) });
  const start = first.status === 'ready' ? first.data : undefined;
  // Rows loaded on demand belong to the first page they follow: another module, order or document starts over.
  const [more, setMore] = useState<{ after: Page; data: Page } | { after: Page; error: string }>();
  const later = more && more.after === start ? more : undefined;
  const current: { data: Page } | { error: string } | undefined =
    first.status === 'error' ? { error: first.error.message } : later ? later : start ? { data: start } : undefined;

  const loadMore = (data: Page) => {
    if (!start) return;
    ask('tensors', { offset: data.rows.length, limit: PAGE, sort, ...(moduleId !== undefined ? { moduleId } : {}) })
      .then((next) => setMore({ after: start, data: { ...next, rows: [...data.rows, ...next.rows] } }))
      .catch((e: unknown) => {
        if (!isStale(e)) setMore({ after: start, error: e instanceof Error ? e.message : String(e) });
      });
  };

  const preview = (row: TensorRow) => {
    const set = (p: Preview) => setPreviews((m) => new Map(m).set(row.index, p));
    set('loading');
    ask('tensorPreview', { index: row.index, count: 8 })
      .then(set)
      .catch((e: unknown) => set({ error: e instanceof Error ? e.message : String(e) }));
  };

  return (
    <div className="pickle-panel tensor-table-panel" aria-label="Tensors">
      <div className="pickle-panel-bar">
        <span>
          {current && 'data' in current ? (
            <>
              <strong>{current.data.total.toLocaleString('en-US')}</strong> of {current.data.fileTotal.toLocaleString('en-US')} tensors ·{' '}
              {formatBytes(current.data.totalBytes)}
            </>
          ) : (
            'Tensors'
          )}
          {moduleId !== undefined ? (
            <>
              {' '}
              in <span className="mono">{moduleId}</span>
            </>
          ) : (
            ' in the whole file'
          )}
        </span>
        {selected !== undefined && selected !== 'self' && (
          <label className="pickle-check">
            <input type="checkbox" checked={wholeFile} onChange={(e) => setWholeFile(e.target.checked)} /> Whole file
          </label>
        )}
      </div>
      <div className="pickle-scroll">
        {current === undefined && <div className="placeholder muted">Loading…</div>}
        {current && 'error' in current && <div className="placeholder">{current.error}</div>}
        {current && 'data' in current && (
          <table className="tensor-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>dtype</th>
                <th>Shape</th>
                <th>Strides</th>
                <th className="num" aria-sort={sort === 'size' ? 'descending' : 'none'}>
                  <button
                    type="button"
                    className="sort-button"
                    onClick={() => setSort(sort === 'size' ? 'file' : 'size')}
                    title={sort === 'size' ? 'Back to file order' : 'Largest first'}
                  >
                    Bytes {sort === 'size' ? '▼' : '↕'}
                  </button>
                </th>
                <th>Device</th>
                <th>Storage</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {current.data.rows.map((r) => {
                const p = previews.get(r.index);
                return <TensorRowView key={r.index} row={r} preview={p} onPreview={() => preview(r)} />;
              })}
            </tbody>
          </table>
        )}
        {current && 'data' in current && current.data.rows.length < current.data.total && (
          <button type="button" className="button small pickle-more" onClick={() => loadMore(current.data)}>
            Load {Math.min(PAGE, current.data.total - current.data.rows.length).toLocaleString('en-US')} more
          </button>
        )}
      </div>
    </div>
  );
}

function TensorRowView({ row, preview, onPreview }: { row: TensorRow; preview: Preview | undefined; onPreview: () => void }) {
  return (
    <>
      <tr data-tensor={row.path}>
        <td className="mono tensor-name" title={row.path}>
          {row.path}
          {row.parameter && <span className="badge subtle">param</span>}
        </td>
        <td className="mono">{row.dtype}</td>
        <td className="mono">[{row.shape.join(', ')}]</td>
        <td className="mono muted">({row.stride.join(', ')})</td>
        <td className="num">{formatBytes(row.byteSize)}</td>
        <td className={row.device === 'cpu' ? 'mono muted' : 'mono'}>{row.device}</td>
        <td className="mono muted">{row.storageKey}</td>
        <td>
          <button type="button" className="button small" onClick={onPreview} disabled={preview === 'loading'} aria-label={`Preview ${row.path}`}>
            Preview
          </button>
        </td>
      </tr>
      {preview !== undefined && (
        <tr className="tensor-preview-row">
          <td colSpan={8}>
            {preview === 'loading' ? (
              <span className="muted">Reading {formatBytes(row.byteSize)}…</span>
            ) : 'error' in preview ? (
              <span className="pickle-read-error">{preview.error}</span>
            ) : (
              <dl className="tensor-preview" aria-label={`Preview of ${row.path}`}>
                <dt>first</dt>
                <dd className="mono">
                  [{preview.first.map(formatValue).join(', ')}
                  {preview.numel > preview.first.length ? ', …' : ''}]
                </dd>
                <dt>min</dt>
                <dd className="mono">{formatValue(preview.min)}</dd>
                <dt>max</dt>
                <dd className="mono">{formatValue(preview.max)}</dd>
                <dt>mean</dt>
                <dd className="mono">{formatValue(preview.mean)}</dd>
                {preview.nanCount > 0 && (
                  <>
                    <dt>NaN</dt>
                    <dd className="mono">{preview.nanCount.toLocaleString('en-US')}</dd>
                  </>
                )}
              </dl>
            )}
          </td>
        </tr>
      )}
    </>
  );
}
