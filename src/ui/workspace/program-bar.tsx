import { useEffect } from 'react';
import type { Program } from '../../core/program/model/program';
import { useEditable } from '../../state/editable';
import { redo, undo } from '../../state/session/commit';
import type { DocumentSummary } from '../../worker/protocol';
import { RecipeBadges } from '../document/recipe-badges';
import { formatBytes } from '../format-bytes';
import { ExportButton } from '../export/export-button';
import { HistoryButton } from '../history/history-button';
import { CHANGE_COUNT_TITLE, changeCount } from '../history/change-count';
import { SaveStateButton } from '../export/save-state-button';
import { CompareButton } from '../compare/compare-button';
import { useSession } from '../../state/session/session-store';

/** What the file is (format, era, version, layers, size) and the document-wide actions. */
export function ProgramBar({ program, summary }: { program: Program; summary: DocumentSummary }) {
  const editable = useEditable();
  const past = useSession((s) => s.past);
  const future = useSession((s) => s.future);
  const changed = useSession((s) => s.revision) && past.length > 0;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (!mod || e.altKey) return;
      // Text fields keep their own undo; Monaco handles its own keys.
      const target = e.target as HTMLElement | null;
      if (target?.closest('input, textarea, .monaco-editor')) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        void undo();
      } else if ((key === 'z' && e.shiftKey) || key === 'y') {
        e.preventDefault();
        void redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="program-bar">
      <span className="program-format">{program.formatLabel}</span>
      {program.version && (
        <span className="badge accent" title={program.versionSource === 'inferred' ? 'Inferred from the layout of the file' : 'From the file’s metadata'}>
          {program.offers.versionLabel ?? program.version}
          {program.versionSource === 'inferred' ? ' (inferred)' : ''}
        </span>
      )}
      {program.eraLabel && (
        <span className="badge subtle" data-testid="era">
          {program.eraLabel}
        </span>
      )}
      <RecipeBadges recipe={summary.recipe} />
      <span className="muted">
        {formatBytes(summary.inputBytes)}
        {summary.decodedBytes !== summary.inputBytes ? ` → ${formatBytes(summary.decodedBytes)}` : ''}
      </span>
      {program.secrets.length > 0 && (
        <span className="badge warn" title="Keys that look like secrets (api_key, token…) are saved in this file">
          {program.secrets.length} secret{program.secrets.length > 1 ? 's' : ''} in file
        </span>
      )}
      <span className="program-actions">
        {program.formatLabel.endsWith(', recovered') && <SaveStateButton />}
        <CompareButton />
        <ExportButton />
        {changed ? (
          <span className="badge warn" data-testid="changed" title={CHANGE_COUNT_TITLE}>
            {changeCount(past.length, future.length)}
          </span>
        ) : null}
        <button
          type="button"
          className="button small"
          onClick={() => void undo()}
          disabled={!editable || past.length === 0}
          title={past.at(-1) ? `Undo: ${past.at(-1)!.edit.label} (Ctrl+Z)` : 'Nothing to undo'}
        >
          Undo
        </button>
        <button
          type="button"
          className="button small"
          onClick={() => void redo()}
          disabled={!editable || future.length === 0}
          title={future[0] ? `Redo: ${future[0].edit.label} (Ctrl+Shift+Z)` : 'Nothing to redo'}
        >
          Redo
        </button>
        <HistoryButton />
      </span>
    </div>
  );
}
