/**
 * "Download series": full snapshots or base + JSON Patch diffs, as separate files or one zip, named
 * in the proposal's scheme. The sizes of both layouts are shown before choosing.
 */
import { useEffect, useState } from 'react';
import type { PackContainer, PackMode, PackResult } from '../../core/program/series/pack-series';
import { useSeriesStore } from '../../state/series-store';
import { formatBytes } from '../format-bytes';
import { Icon } from '../icon';
import { download as downloadFile } from '../download';

export function SeriesDownload() {
  const pack = useSeriesStore((s) => s.pack);
  const timeline = useSeriesStore((s) => s.timeline);
  const [mode, setMode] = useState<PackMode>('diffs');
  const [container, setContainer] = useState<PackContainer>('zip');
  const [sizes, setSizes] = useState<PackResult['sizes']>();
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    setSizes(undefined);
    // Both layouts are sized by one pack; the bytes themselves are dropped.
    void pack('snapshots', 'files').then((r) => {
      if (live && r) setSizes(r.sizes);
    });
    return () => {
      live = false;
    };
  }, [pack, timeline]);

  async function download() {
    setBusy(true);
    setDone(undefined);
    const r = await pack(mode, container);
    setBusy(false);
    if (!r) return;
    setSizes(r.sizes);
    if (r.zip) downloadFile(r.zip.bytes, r.zip.name, 'application/zip');
    else for (const f of r.files) downloadFile(f.bytes, f.name, 'application/json');
    const what = r.zip ? `${r.zip.name} (${formatBytes(r.zip.bytes.length)})` : r.files.map((f) => f.name).join(', ');
    setDone(`Saved ${what}.${r.skipped.length ? ` Left out (not loadable): ${r.skipped.map((s) => s.name).join(', ')}.` : ''}`);
  }

  return (
    <div className="series-download">
      <fieldset>
        <legend>Layout</legend>
        <label>
          <input type="radio" name="series-mode" checked={mode === 'snapshots'} onChange={() => setMode('snapshots')} />
          Full snapshots {sizes && <span className="muted mono">{formatBytes(sizes.snapshots)}</span>}
        </label>
        <label>
          <input type="radio" name="series-mode" checked={mode === 'diffs'} onChange={() => setMode('diffs')} />
          Base + diffs {sizes && <span className="muted mono">{formatBytes(sizes.diffs)}</span>}
        </label>
      </fieldset>
      <fieldset>
        <legend>As</legend>
        <label>
          <input type="radio" name="series-container" checked={container === 'zip'} onChange={() => setContainer('zip')} />
          One zip
        </label>
        <label>
          <input type="radio" name="series-container" checked={container === 'files'} onChange={() => setContainer('files')} />
          Separate files
        </label>
      </fieldset>
      <button type="button" className="button primary" onClick={() => void download()} disabled={busy}>
        <Icon name="download" /> Download series
      </button>
      {sizes && sizes.snapshots > 0 && (
        <p className="muted series-sizes" aria-label="Layout sizes">
          {`Base + diffs is ${Math.round((100 * sizes.diffs) / sizes.snapshots)}% of the full snapshots (${formatBytes(sizes.diffs)} vs ${formatBytes(sizes.snapshots)}).`}
        </p>
      )}
      {done && (
        <p className="series-done" role="status">
          {done}
        </p>
      )}
    </div>
  );
}
