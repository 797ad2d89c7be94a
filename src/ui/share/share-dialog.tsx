/**
 * "Share": the open program compressed into a link's fragment (`#p=...`), which browsers never send to
 * a server, or, when it is too large for a link, the file to send instead. Both are what export writes
 * (core/export/portable-options): secrets redacted unless unticked, the file's own recipe kept. The link is
 * made here; the format rules live in core/share.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { portableExportOptions } from '../../core/program/export/portable-options';
import { SHARE_LIMIT_CHARS, encodeShareLink } from '../../core/program/share/share-link';
import { moduleUrl, shareUrl } from '../../state/route-store';
import { useSelectionStore } from '../../state/selection-store';
import { isStale, useWorkerAsk, useWorkerQuery } from '../../state/session/use-worker-query';
import { useSession } from '../../state/session/session-store';
import { SecretsChoice } from '../export/secrets-choice';
import { download } from '../download';
import { isEncryptionLayer } from '../../core/engine/layers/registry';
import { formatBytes } from '../format-bytes';
import './share.css';

/** A program decoding to more than this cannot fit a link even compressed; it is not worth exporting to find out. */
const MAX_SHARE_BYTES = 4 * 1024 * 1024;

/** Link sizes in KiB, written "KB" as browsers and chats speak of URL limits: 32768 characters is "32 KB". */
function kb(chars: number): string {
  const k = chars / 1024;
  return `${k >= 10 ? Math.round(k) : k.toFixed(1)} KB`;
}

type Prepared =
  | { kind: 'link'; url: string; chars: number; redacted: number }
  | { kind: 'too-large'; chars?: number; size: number; file?: { bytes: Uint8Array; name: string } }
  | { kind: 'error'; message: string };

export function ShareDialog({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const summary = useSession((s) => s.summary);
  const moduleId = useSelectionStore((s) => s.moduleId);
  const [failed, setFailed] = useState<string>();
  const [copied, setCopied] = useState<string>();
  const [redact, setRedact] = useState(true);
  const secrets = useSession((s) => s.program?.secrets) ?? [];
  const ask = useWorkerAsk();
  const syntax = summary?.syntax;
  const decodedBytes = summary?.decodedBytes ?? 0;
  const encrypted = summary?.recipe.some((s) => isEncryptionLayer(s.layer)) ?? false;
  // Asked again whenever the document changes; an answer for an earlier question is dropped.
  const exported = useWorkerQuery('export', decodedBytes > MAX_SHARE_BYTES ? undefined : { options: portableExportOptions(syntax, redact) });

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const prepared = useMemo((): Prepared | undefined => {
    if (failed !== undefined) return { kind: 'error', message: failed };
    if (decodedBytes > MAX_SHARE_BYTES) return { kind: 'too-large', size: decodedBytes };
    if (exported.status === 'error') return { kind: 'error', message: exported.error.message };
    if (exported.status !== 'ready') return undefined;
    const r = exported.data;
    const payload = encodeShareLink({ name: r.fileName, bytes: r.bytes });
    if (payload.length > SHARE_LIMIT_CHARS) return { kind: 'too-large', chars: payload.length, size: r.size, file: { bytes: r.bytes, name: r.fileName } };
    return { kind: 'link', url: shareUrl(payload, moduleId), chars: payload.length, redacted: r.redacted };
  }, [failed, decodedBytes, exported, moduleId]);

  const copy = async (text: string, what: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(what);
    } catch {
      setCopied(`${what}-failed`);
    }
  };

  const downloadFile = async () => {
    if (prepared?.kind === 'too-large' && prepared.file) return download(prepared.file.bytes, prepared.file.name);
    try {
      const r = await ask('export', { options: portableExportOptions(syntax, redact) });
      download(r.bytes, r.fileName);
    } catch (e) {
      if (!isStale(e)) setFailed(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <dialog ref={ref} className="modal share-dialog" aria-labelledby="share-title" onClose={onClose}>
      <div className="modal-head">
        <h2 id="share-title">Share this program</h2>
        <button type="button" className="button ghost small" onClick={() => ref.current?.close()} aria-label="Close">
          ✕
        </button>
      </div>
      <p className="muted">
        The program is compressed into the link itself, after the <code>#</code>. Browsers never send that part to any server, so the program goes only where
        you paste the link. Anyone who has the link can read it. Links hold at most {kb(SHARE_LIMIT_CHARS)} of compressed program, because longer addresses
        break in some browsers, chats and mail.
      </p>
      {encrypted && (
        <p className="share-warn" role="note">
          This file was encrypted. A link holds the <strong>decrypted</strong> program: share it only with people who may read it.
        </p>
      )}
      <SecretsChoice secrets={secrets} subject="This program" target="the link and the file sent instead" redact={redact} onChange={setRedact} />
      {prepared === undefined && <p className="muted">Preparing the link…</p>}
      {prepared?.kind === 'error' && <p role="alert">The link could not be made: {prepared.message}</p>}
      {prepared?.kind === 'link' && (
        <div className="share-link">
          <label htmlFor="share-url">Share link</label>
          <div className="share-row">
            <input id="share-url" className="text-input mono" readOnly value={prepared.url} onFocus={(e) => e.currentTarget.select()} />
            <button type="button" className="button primary" onClick={() => void copy(prepared.url, 'link')}>
              Copy share link
            </button>
          </div>
          <p className="muted share-size">
            {kb(prepared.chars)} of {kb(SHARE_LIMIT_CHARS)} · opens read-only, with “Open as my copy”
            {moduleId ? ` · shows ${moduleId} first` : ''}
            {prepared.redacted > 0 ? ` · ${prepared.redacted} secret${prepared.redacted > 1 ? 's' : ''} redacted` : ''}
          </p>
        </div>
      )}
      {prepared?.kind === 'too-large' && (
        <div className="share-too-large" role="note">
          <p>
            <strong>This program is too large for a link.</strong>{' '}
            {prepared.chars !== undefined
              ? `Compressed, it needs ${kb(prepared.chars)} of link; links hold at most ${kb(SHARE_LIMIT_CHARS)}.`
              : `It is ${formatBytes(prepared.size)}, far more than a ${kb(SHARE_LIMIT_CHARS)} link holds.`}{' '}
            Send the file instead.
          </p>
          <button type="button" className="button primary" onClick={() => void downloadFile()}>
            Download file
          </button>
        </div>
      )}
      {moduleId && (
        <div className="share-link">
          <label htmlFor="module-url">Link to this module, for people who have the same file</label>
          <div className="share-row">
            <input id="module-url" className="text-input mono" readOnly value={moduleUrl(moduleId)} onFocus={(e) => e.currentTarget.select()} />
            <button type="button" className="button" onClick={() => void copy(moduleUrl(moduleId), 'module')}>
              Copy
            </button>
          </div>
        </div>
      )}
      <p className="share-status" role="status" aria-live="polite">
        {copied === 'link' && 'Share link copied.'}
        {copied === 'module' && 'Module link copied.'}
        {copied?.endsWith('-failed') && 'The browser did not allow copying: select the link and copy it by hand.'}
      </p>
    </dialog>
  );
}
