/**
 * A file's metadata, editable where the format allows: safetensors' `__metadata__` (a map of
 * strings) and GGUF's scalar key/values (each value keeps its type). Every keystroke lives in the
 * store's draft; the worker checks each change and its error is shown under the row it was typed in.
 * Export builds the edited file from the original's slices and hands it to the browser.
 */
import { useState } from 'react';
import type { ErrorInfo } from '../../core/engine/errors';
import type { FolderEntry } from '../../core/engine/weights/model-folder';
import type { MetadataRow } from '../../core/engine/weights/weights-file';
import { draftChanges, EMPTY_DRAFT, sourceKey, type MetadataDraft } from '../../state/weights-drafts';
import { useWeightsStore } from '../../state/weights-store';
import { download } from '../download';
import { canPickSaveFile, saveWithPicker } from '../export/save-file';
import { formatBytes } from '../format-bytes';
import { baseName } from './weights-labels';

const EDITABLE = new Set(['safetensors', 'gguf']);

function hint(entry: FolderEntry): string {
  if (entry.format === 'safetensors') return 'The __metadata__ map of the header: keys and values are strings.';
  if (entry.format === 'gguf')
    return 'GGUF key/values: an edited value keeps its type and is checked against it; new keys are strings. Arrays are shown, not edited.';
  return 'Read from the header; NumPy files have no metadata to edit.';
}

export function MetadataEditor({ entries }: { entries: FolderEntry[] }) {
  const withMetadata = entries.filter((e) => !e.error && ((e.metadata?.length ?? 0) > 0 || (e.format && EDITABLE.has(e.format))));
  const [chosen, setChosen] = useState<string>();
  const entry = withMetadata.find((e) => e.name === chosen) ?? withMetadata[0];
  if (!entry) return null;
  return (
    <section className="weights-card weights-metadata" aria-labelledby="weights-metadata-h">
      <div className="weights-card-head">
        <h2 id="weights-metadata-h">Metadata</h2>
        {withMetadata.length > 1 ? (
          <label className="weights-inline-label">
            File
            <select className="select" aria-label="Metadata of file" value={entry.name} onChange={(e) => setChosen(e.currentTarget.value)}>
              {withMetadata.map((e) => (
                <option key={e.name} value={e.name}>
                  {baseName(e.name)}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <span className="mono muted weights-wrap">{baseName(entry.name)}</span>
        )}
      </div>
      <p className="muted weights-hint">{hint(entry)}</p>
      <FileMetadata key={entry.name} entry={entry} />
    </section>
  );
}

function FileMetadata({ entry }: { entry: FolderEntry }) {
  const draft = useWeightsStore((s) => s.drafts[entry.name]) ?? EMPTY_DRAFT;
  const errors = useWeightsStore((s) => s.checks[entry.name]) ?? {};
  const setDraft = useWeightsStore((s) => s.setDraft);
  const exportFile = useWeightsStore((s) => s.exportFile);
  const [exporting, setExporting] = useState(false);
  const [saveProblem, setSaveProblem] = useState<string>();
  const [saved, setSaved] = useState<string>();
  const rows = entry.metadata ?? [];
  const editable = entry.format !== undefined && EDITABLE.has(entry.format);
  const changes = draftChanges(rows, draft);
  const errorCount = Object.keys(errors).length;
  const update = (next: Partial<MetadataDraft>) => {
    setSaved(undefined);
    setDraft(entry.name, { ...draft, ...next });
  };
  const nextId = draft.added.reduce((m, a) => Math.max(m, a.id), 0) + 1;

  /** Download, or (where the browser has a save picker) a streamed write to the place the user picks. */
  const onExport = async (how: 'download' | 'pick') => {
    setExporting(true);
    setSaveProblem(undefined);
    setSaved(undefined);
    try {
      const file = await exportFile(entry.name);
      if (!file) return;
      const what = `${file.name} (${formatBytes(file.size)}): the new header, then the original's tensor bytes unchanged.`;
      if (how === 'download') {
        download(file.blob, file.name);
        setSaved(`Downloaded ${what}`);
      } else {
        const handle = await saveWithPicker(file.blob, file.name);
        setSaved(handle ? `Saved ${what}` : 'Save cancelled.');
      }
    } catch (e) {
      setSaveProblem(`The file could not be saved: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setExporting(false);
    }
  };
  const cannotExport = changes.length === 0 || errorCount > 0 || exporting;

  return (
    <>
      <div className="weights-meta-table" role="table" aria-label={`Metadata of ${baseName(entry.name)}`}>
        {rows.length === 0 && draft.added.length === 0 && <p className="muted weights-meta-empty">No metadata in this file yet.</p>}
        {rows.map((row) => (
          <ExistingRow
            key={row.key}
            row={row}
            editable={editable && row.editable}
            value={draft.values[row.key] ?? row.text}
            removed={draft.removed.includes(row.key)}
            error={errors[sourceKey({ row: row.key })]}
            onValue={(v) => update({ values: { ...draft.values, [row.key]: v } })}
            onRemove={(remove) => update({ removed: remove ? [...draft.removed, row.key] : draft.removed.filter((k) => k !== row.key) })}
          />
        ))}
        {draft.added.map((a) => {
          const error = errors[sourceKey({ added: a.id })];
          const set = (patch: Partial<typeof a>) => update({ added: draft.added.map((x) => (x.id === a.id ? { ...x, ...patch } : x)) });
          return (
            <div key={a.id} role="row" className={`weights-meta-row added${error ? ' invalid' : ''}`}>
              <span role="cell" className="weights-meta-key">
                <input
                  className="text-input mono"
                  aria-label="Name of the new key"
                  placeholder="key"
                  value={a.key}
                  onChange={(e) => set({ key: e.currentTarget.value })}
                />
              </span>
              <span role="cell" className="weights-meta-type mono muted">
                string
              </span>
              <span role="cell" className="weights-meta-value">
                <input
                  className="text-input"
                  aria-label="Value of the new key"
                  placeholder="value"
                  value={a.value}
                  onChange={(e) => set({ value: e.currentTarget.value })}
                />
              </span>
              <span role="cell" className="weights-meta-action">
                <button type="button" className="button small ghost" onClick={() => update({ added: draft.added.filter((x) => x.id !== a.id) })}>
                  Discard
                </button>
              </span>
              {error && <RowError error={error} />}
            </div>
          );
        })}
      </div>
      {errors['file'] && <RowError error={errors['file']} />}
      {editable && (
        <div className="weights-meta-foot">
          <button type="button" className="button small" onClick={() => update({ added: [...draft.added, { id: nextId, key: '', value: '' }] })}>
            Add key
          </button>
          <span className="muted weights-meta-count">
            {changes.length === 0 ? 'No changes' : `${changes.length} change${changes.length === 1 ? '' : 's'}`}
            {errorCount > 0 && <span className="weights-meta-bad">{` · ${errorCount} to fix`}</span>}
          </span>
          <button type="button" className="button small ghost" disabled={changes.length === 0} onClick={() => setDraft(entry.name, EMPTY_DRAFT)}>
            Reset
          </button>
          {canPickSaveFile() && (
            <button type="button" className="button small" disabled={cannotExport} onClick={() => void onExport('pick')}>
              Save as…
            </button>
          )}
          <button type="button" className="button small primary" disabled={cannotExport} onClick={() => void onExport('download')}>
            Export edited file
          </button>
        </div>
      )}
      {saveProblem && (
        <p className="inline-error" role="alert">
          {saveProblem}
        </p>
      )}
      {saved && (
        <p className="weights-exported" role="status">
          {saved}
        </p>
      )}
    </>
  );
}

function ExistingRow({
  row,
  editable,
  value,
  removed,
  error,
  onValue,
  onRemove,
}: {
  row: MetadataRow;
  editable: boolean;
  value: string;
  removed: boolean;
  error: ErrorInfo | undefined;
  onValue: (v: string) => void;
  onRemove: (remove: boolean) => void;
}) {
  const changed = !removed && value !== row.text;
  const long = value.length > 80 || value.includes('\n');
  const label = `Value of ${row.key}`;
  return (
    <div role="row" data-key={row.key} className={`weights-meta-row${changed ? ' changed' : ''}${removed ? ' removed' : ''}${error ? ' invalid' : ''}`}>
      <span role="cell" className="weights-meta-key mono" title={row.key}>
        {row.key}
      </span>
      <span role="cell" className="weights-meta-type mono muted">
        {row.type}
      </span>
      <span role="cell" className="weights-meta-value">
        {!editable ? (
          <span className="mono weights-meta-readonly">{row.text}</span>
        ) : long ? (
          <textarea className="text-input mono" aria-label={label} rows={4} value={value} disabled={removed} onChange={(e) => onValue(e.currentTarget.value)} />
        ) : (
          <input className="text-input mono" aria-label={label} value={value} disabled={removed} onChange={(e) => onValue(e.currentTarget.value)} />
        )}
      </span>
      <span role="cell" className="weights-meta-action">
        {editable && (
          <button type="button" className="button small ghost" onClick={() => onRemove(!removed)} aria-label={`${removed ? 'Keep' : 'Remove'} ${row.key}`}>
            {removed ? 'Keep' : 'Remove'}
          </button>
        )}
      </span>
      {error && <RowError error={error} />}
    </div>
  );
}

function RowError({ error }: { error: ErrorInfo }) {
  return (
    <p className="inline-error weights-meta-error" role="alert">
      {error.message}
    </p>
  );
}
