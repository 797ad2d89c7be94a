/**
 * The history of the open document: every version in time order (opened, edits, undos, redos,
 * restores, exports), restore any as a new version on top, compare any two, name one, and the
 * storage it all takes. Labels and names are user text: rendered as text.
 */
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { HistoryEntry } from '../../core/program/history/history-types';
import { useHistoryStore } from '../../state/history-store';
import { useSelectionStore } from '../../state/selection-store';
import { formatBytes } from '../format-bytes';
import { formatTime } from './format-time';
import { HistoryProblem } from './history-problem';
import { HistoryExport, HistorySecretsSetting } from './history-secrets';
import './history.css';
import { useSession } from '../../state/session/session-store';
import { restoreVersion } from '../../state/session/history-actions';

const JsonDiff = lazy(() => import('../editor/json-diff'));

const KIND_LABEL: Record<HistoryEntry['kind'], string> = {
  open: 'opened',
  edit: 'edit',
  undo: 'undo',
  redo: 'redo',
  restore: 'restore',
  migration: 'migration',
  import: 'import',
  export: 'export',
};

function VersionName({ entry, index }: { entry: HistoryEntry; index: number }) {
  const nameVersion = useHistoryStore((s) => s.nameVersion);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(entry.name ?? '');
  if (!editing) {
    return (
      <button
        type="button"
        className="button small ghost"
        onClick={() => (setDraft(entry.name ?? ''), setEditing(true))}
        aria-label={`Name version ${index + 1}`}
      >
        Name
      </button>
    );
  }
  const commit = () => {
    setEditing(false);
    if (draft.trim() !== (entry.name ?? '')) void nameVersion(entry.id, draft);
  };
  return (
    <input
      className="text-input history-name-input"
      aria-label={`Name of version ${index + 1}`}
      autoFocus
      value={draft}
      maxLength={120}
      onChange={(e) => setDraft(e.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') {
          // Leaves the name, not the panel.
          e.stopPropagation();
          setEditing(false);
        }
      }}
    />
  );
}

function Timeline({ entries, head }: { entries: HistoryEntry[]; head: string | null | undefined }) {
  const restore = restoreVersion;
  return (
    <ol className="history-timeline" aria-label="Versions">
      {entries.map((e, i) => (
        <li key={e.id} className={e.id === head ? 'history-entry current' : 'history-entry'} aria-label={`Version ${i + 1}: ${e.label}`} data-kind={e.kind}>
          <span className="history-index">{i + 1}</span>
          <div className="history-entry-body">
            <div className="history-entry-title">
              <span className={`badge subtle kind-${e.kind}`}>{KIND_LABEL[e.kind]}</span>
              <span className="history-label">{e.label}</span>
            </div>
            <div className="muted history-meta">
              {formatTime(e.time)}
              {e.id === head ? ' · current' : ''}
              {e.name ? (
                <>
                  {' · '}
                  <span className="history-version-name">{e.name}</span>
                </>
              ) : null}
            </div>
          </div>
          <div className="history-entry-actions">
            <VersionName entry={e} index={i} />
            {e.kind !== 'export' && (
              <button
                type="button"
                className="button small"
                onClick={() => void restore(e.id)}
                aria-label={`Restore version ${i + 1}`}
                disabled={e.id === head}
              >
                Restore
              </button>
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}

function Compare({ entries }: { entries: HistoryEntry[] }) {
  const compare = useHistoryStore((s) => s.compare);
  const moduleId = useSelectionStore((s) => s.moduleId);
  const [a, setA] = useState<string>();
  const [b, setB] = useState<string>();
  const [scope, setScope] = useState('');
  const first = entries[0]?.id;
  const last = entries.at(-1)?.id;
  const aId = a && entries.some((e) => e.id === a) ? a : first;
  const bId = b && entries.some((e) => e.id === b) ? b : last;
  const option = (e: HistoryEntry, i: number) => (
    <option key={e.id} value={e.id}>
      {i + 1}. {e.name ?? e.label}
    </option>
  );
  return (
    <div className="history-compare">
      <label>
        <span className="muted">Compare</span>
        <select className="select" aria-label="First version" value={aId} onChange={(e) => setA(e.currentTarget.value)}>
          {entries.map(option)}
        </select>
      </label>
      <label>
        <span className="muted">with</span>
        <select className="select" aria-label="Second version" value={bId} onChange={(e) => setB(e.currentTarget.value)}>
          {entries.map(option)}
        </select>
      </label>
      <select className="select" aria-label="Compare what" value={scope} onChange={(e) => setScope(e.currentTarget.value)}>
        <option value="">Whole program</option>
        {moduleId && <option value={moduleId}>Module {moduleId}</option>}
      </select>
      <button type="button" className="button small primary" disabled={!aId || !bId} onClick={() => aId && bId && void compare(aId, bId, scope)}>
        Compare
      </button>
    </div>
  );
}

function ComparisonView() {
  const comparison = useHistoryStore((s) => s.comparison);
  const entries = useHistoryStore((s) => s.entries);
  const close = useHistoryStore((s) => s.closeComparison);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && close();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [close]);
  if (!comparison) return null;
  const n = (e: HistoryEntry) => entries.findIndex((x) => x.id === e.id) + 1;
  return (
    <div className="history-diff-backdrop">
      <section className="history-diff" role="dialog" aria-label="Compare versions">
        <header>
          <strong>
            Version {n(comparison.a)} → version {n(comparison.b)}
          </strong>
          <span className="muted">{comparison.scope ? `Module ${comparison.scope}` : 'Whole program'}</span>
          <button type="button" className="button small" onClick={close}>
            Close
          </button>
        </header>
        <div className="history-diff-body">
          {comparison.problem ? (
            <div className="placeholder">{`Could not compare: ${comparison.problem}`}</div>
          ) : comparison.aText === undefined || comparison.bText === undefined ? (
            <div className="placeholder muted">Replaying both versions…</div>
          ) : (
            <Suspense fallback={<div className="placeholder muted">Loading editor…</div>}>
              <JsonDiff
                original={comparison.aText}
                modified={comparison.bText}
                originalPath="inmemory://history/version-a.json"
                modifiedPath="inmemory://history/version-b.json"
              />
            </Suspense>
          )}
        </div>
      </section>
    </div>
  );
}

function StorageSection({ docId }: { docId?: string }) {
  const storage = useHistoryStore((s) => s.storage);
  const documents = useHistoryStore((s) => s.documents);
  const persist = useHistoryStore((s) => s.requestPersistence);
  const dropOriginal = useHistoryStore((s) => s.dropOriginal);
  const originals = documents.filter((d) => d.hasOriginal);
  return (
    <details className="history-storage">
      <summary>
        Storage{storage ? `: ${formatBytes(storage.usage)} used of ${formatBytes(storage.quota)}` : ''}
        {storage?.persisted ? ' · kept' : ''}
      </summary>
      {storage && !storage.persisted && (
        <p>
          The browser may clear this history when space runs low.{' '}
          <button type="button" className="button small" onClick={() => void persist()}>
            Ask to keep it
          </button>
        </p>
      )}
      {originals.length > 0 && (
        <ul aria-label="Stored originals">
          {originals.map((d) => (
            <li key={d.id}>
              <span className="mono">{d.name}</span> <span className="muted">{formatBytes(d.size)}</span>
              {d.id !== docId && (
                <button
                  type="button"
                  className="button small ghost"
                  onClick={() => void dropOriginal(d.id)}
                  title="Frees its space; its edits are kept, and opening the file again continues its history"
                >
                  Drop original
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}

export function HistoryPanel() {
  const open = useHistoryStore((s) => s.panelOpen);
  const setOpen = useHistoryStore((s) => s.setPanelOpen);
  const entries = useHistoryStore((s) => s.entries);
  const head = useHistoryStore((s) => s.head);
  const docId = useHistoryStore((s) => s.docId);
  const status = useHistoryStore((s) => s.status);
  const importHistory = useHistoryStore((s) => s.importHistory);
  const deleteHistory = useHistoryStore((s) => s.deleteHistory);
  const name = useSession((s) => s.summary?.name);
  const readOnly = useSession((s) => s.readOnly);
  const comparing = useHistoryStore((s) => s.comparison !== undefined);
  const [confirming, setConfirming] = useState(false);
  const panelRef = useRef<HTMLElement>(null);

  // Opened, the panel takes the focus; closed, it gives it back to where it was (the History button).
  useEffect(() => {
    if (!open) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const panel = panelRef.current;
    panel?.focus();
    return () => {
      const now = document.activeElement;
      if (!now || now === document.body || panel?.contains(now)) previous?.focus();
    };
  }, [open]);

  if (!open) return <ComparisonView />;

  const saved = status.problem ? 'Not saved' : status.pending > 0 || status.saving ? 'Saving…' : 'All changes saved';
  return (
    <>
      <aside
        id="history-panel"
        className="history-panel"
        aria-label="History"
        tabIndex={-1}
        ref={panelRef}
        onKeyDown={(e) => {
          // The comparison over the panel closes first, on its own Escape.
          if (e.key === 'Escape' && !comparing) {
            e.stopPropagation();
            setOpen(false);
          }
        }}
      >
        <header className="history-head">
          <strong>History</strong>
          <span className={`history-saved${status.problem ? ' problem' : ''}`} data-testid="history-saved" role="status">
            {saved}
          </span>
          <button type="button" className="button small ghost" onClick={() => setOpen(false)} aria-label="Close history">
            ✕
          </button>
        </header>
        <HistoryProblem />
        {name && <div className="muted history-doc">{name}</div>}
        {entries.length > 1 && <Compare entries={entries} />}
        {readOnly ? (
          <p className="placeholder muted">
            A shared link opened read-only is not recorded: nothing of it is stored in this browser until you click “Open as my copy”.
          </p>
        ) : entries.length === 0 ? (
          <p className="placeholder muted">No versions recorded yet.</p>
        ) : (
          <Timeline entries={entries} head={head} />
        )}
        <footer className="history-foot">
          <div className="history-foot-actions">
            <HistoryExport docId={docId} />
            <label className="button small">
              Import history…
              <input
                type="file"
                accept=".json,application/json"
                hidden
                data-testid="history-import"
                onChange={(e) => {
                  const file = e.currentTarget.files?.[0];
                  e.currentTarget.value = '';
                  if (file) void file.text().then(importHistory);
                }}
              />
            </label>
            {docId &&
              (confirming ? (
                <span className="history-confirm" role="alertdialog" aria-label="Confirm delete">
                  Delete all {entries.length} versions? This cannot be undone.{' '}
                  <button type="button" className="button small danger" onClick={() => (setConfirming(false), void deleteHistory(docId))}>
                    Delete
                  </button>
                  <button type="button" className="button small" onClick={() => setConfirming(false)}>
                    Cancel
                  </button>
                </span>
              ) : (
                <button type="button" className="button small danger" onClick={() => setConfirming(true)}>
                  Delete history…
                </button>
              ))}
          </div>
          <HistorySecretsSetting docId={docId} />
          <StorageSection docId={docId} />
        </footer>
      </aside>
      <ComparisonView />
    </>
  );
}
