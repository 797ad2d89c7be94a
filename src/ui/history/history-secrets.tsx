/**
 * Secrets and the history: the setting that keeps them out of it (originals stored redacted, edits
 * that set one stored redacted), what the open document's stored original holds, and the warning
 * before a history file that would carry secrets in clear, with the choice to export it without.
 * The counting and redaction are core/history/redact-history, reached through the history store.
 */
import { useState } from 'react';
import { historyFileName } from '../../core/program/history/history-file';
import { download } from '../download';
import { historyExportNeedsWarning, type HistorySecrets } from '../../core/program/history/redact-history';
import { useHistoryStore } from '../../state/history-store';
import { useSettingsStore } from '../../state/settings-store';
import './history.css';

function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? '' : 's'}`;
}

export function HistorySecretsSetting({ docId }: { docId: string | undefined }) {
  const on = useSettingsStore((s) => s.historyWithoutSecrets);
  const setOn = useSettingsStore((s) => s.setHistoryWithoutSecrets);
  const record = useHistoryStore((s) => s.documents.find((d) => d.id === docId));
  return (
    <div className="history-secrets">
      <label className="history-check">
        <input type="checkbox" checked={on} onChange={(e) => setOn(e.currentTarget.checked)} />
        Keep history without secrets
      </label>
      <p className="muted">
        {on
          ? 'Files opened from now on are stored with api keys, tokens and passwords replaced by "[REDACTED]", and so are edits that set one. Reopened from the history, such a file has "[REDACTED]" where its keys were. Encrypted files are stored encrypted either way.'
          : 'The history keeps every file as it was opened, secrets included (api keys, tokens, passwords), in this browser only. Encrypted files are stored encrypted.'}
      </p>
      {record?.redacted ? (
        <p className="muted" data-testid="history-original-secrets">
          {record.name} is stored without its {plural(record.redacted, 'secret')}.
        </p>
      ) : record?.secrets ? (
        <p className="history-secrets-warn" data-testid="history-original-secrets">
          The stored original of {record.name} holds {plural(record.secrets, 'secret')} in clear.
        </p>
      ) : null}
    </div>
  );
}

/** "Export history", asking first when the file would carry secrets in clear. */
export function HistoryExport({ docId }: { docId: string | undefined }) {
  const exportHistory = useHistoryStore((s) => s.exportHistory);
  const check = useHistoryStore((s) => s.historyExportSecrets);
  const [asking, setAsking] = useState<HistorySecrets>();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string>();

  const run = async (step: () => Promise<void>) => {
    setBusy(true);
    setFailed(undefined);
    try {
      await step();
    } catch (e) {
      setFailed(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const write = (redact: boolean) =>
    run(async () => {
      if (!docId) return;
      setAsking(undefined);
      const file = await exportHistory(docId, { redact });
      if (file) download(file.text, historyFileName(file.name), 'application/json');
    });
  const start = () =>
    run(async () => {
      if (!docId) return;
      const secrets = await check(docId);
      if (secrets && historyExportNeedsWarning(secrets)) setAsking(secrets);
      else await write(false);
    });

  const what = asking
    ? asking.original === undefined
      ? 'This history file may hold secrets in clear: its original was stored before they were counted.'
      : `This history file would hold ${plural(asking.original + asking.entries, 'secret')} in clear${asking.keys.length > 0 ? ` (${asking.keys.join(', ')})` : ''}: anyone who gets the file can read ${asking.original + asking.entries === 1 ? 'it' : 'them'}.`
    : '';
  return (
    <>
      <button type="button" className="button small" disabled={!docId || busy} onClick={() => void start()}>
        Export history
      </button>
      {asking && (
        <div className="history-export-warn" role="alertdialog" aria-label="History export holds secrets">
          <p>{what}</p>
          <div className="history-foot-actions">
            <button type="button" className="button small primary" onClick={() => void write(true)}>
              Export without secrets
            </button>
            <button type="button" className="button small" onClick={() => void write(false)}>
              Export with secrets
            </button>
            <button type="button" className="button small ghost" onClick={() => setAsking(undefined)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {failed && (
        <p className="history-secrets-warn" role="alert">
          The history could not be exported: {failed}
        </p>
      )}
    </>
  );
}
