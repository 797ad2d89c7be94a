/**
 * "Share": the open program compressed into a link's fragment (`#p=...`), which browsers never send to
 * a server, or, when it is too large for a link, the file to send instead. The link is made here; the
 * format rules live in core/share.
 */
import { useEffect, useRef, useState } from 'react';
import { SHARE_LIMIT_CHARS, encodeShareLink } from '../../core/program/share/share-link';
import { moduleUrl, shareUrl } from '../../state/route-store';
import { useSelectionStore } from '../../state/selection-store';
import { formatBytes } from '../format-bytes';
import { shareFileName } from './share-file-name';
import './share.css';
import { useSession } from '../../state/session/session-store';
import { useWorkerAsk } from '../../state/session/use-worker-query';
import { download } from '../download';

/** Text longer than this cannot fit a link even compressed; it is not worth compressing to find out. */
const MAX_SHARE_TEXT = 4 * 1024 * 1024;
const ENCRYPTION_LAYERS = new Set(['aes-gcm', 'psenc']);

/** Link sizes in KiB, written "KB" as browsers and chats speak of URL limits: 32768 characters is "32 KB". */
function kb(chars: number): string {
  const k = chars / 1024;
  return `${k >= 10 ? Math.round(k) : k.toFixed(1)} KB`;
}

type Prepared =
  | { kind: 'link'; url: string; chars: number; text: string }
  | { kind: 'too-large'; chars?: number; textLength: number; text?: string }
  | { kind: 'error'; message: string };


export function ShareDialog({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const ask = useWorkerAsk();
  const summary = useSession((s) => s.summary);
  const revision = useSession((s) => s.revision);
  const generation = useSession((s) => s.generation);
  const moduleId = useSelectionStore((s) => s.moduleId);
  const [prepared, setPrepared] = useState<Prepared>();
  const [copied, setCopied] = useState<string>();
  const name = summary ? shareFileName(summary.name, summary.recipe) : 'program.json';
  const encrypted = summary?.recipe.some((s) => ENCRYPTION_LAYERS.has(s.layer)) ?? false;

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  useEffect(() => {
    let live = true;
    ask('text', { pointer: '', maxChars: MAX_SHARE_TEXT })
      .then((r) => {
        if (!live) return;
        if ('tooLarge' in r) return setPrepared({ kind: 'too-large', textLength: r.tooLarge });
        const payload = encodeShareLink({ name, bytes: new TextEncoder().encode(r.text) });
        if (payload.length > SHARE_LIMIT_CHARS) return setPrepared({ kind: 'too-large', chars: payload.length, textLength: r.text.length, text: r.text });
        setPrepared({ kind: 'link', url: shareUrl(payload, moduleId), chars: payload.length, text: r.text });
      })
      .catch((e: unknown) => live && setPrepared({ kind: 'error', message: e instanceof Error ? e.message : String(e) }));
    return () => {
      live = false;
    };
  }, [ask, generation, revision, name, moduleId]);

  const copy = async (text: string, what: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(what);
    } catch {
      setCopied(`${what}-failed`);
    }
  };

  const downloadFile = async () => {
    if (prepared?.kind === 'too-large' && prepared.text !== undefined) return download(prepared.text, name, 'application/json');
    try {
      const r = await ask('text', { pointer: '', maxChars: Number.MAX_SAFE_INTEGER });
      if (r && 'text' in r) download(r.text, name, 'application/json');
    } catch (e) {
      setPrepared({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
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
        The program is compressed into the link itself, after the <code>#</code>. Browsers never send that part to any server,
        so the program goes only where you paste the link. Anyone who has the link can read it. Links hold at most{' '}
        {kb(SHARE_LIMIT_CHARS)} of compressed program, because longer addresses break in some browsers, chats and mail.
      </p>
      {encrypted && (
        <p className="share-warn" role="note">
          This file was encrypted. A link holds the <strong>decrypted</strong> program: share it only with people who may read it.
        </p>
      )}
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
          </p>
        </div>
      )}
      {prepared?.kind === 'too-large' && (
        <div className="share-too-large" role="note">
          <p>
            <strong>This program is too large for a link.</strong>{' '}
            {prepared.chars !== undefined
              ? `Compressed, it needs ${kb(prepared.chars)} of link; links hold at most ${kb(SHARE_LIMIT_CHARS)}.`
              : `It is ${formatBytes(prepared.textLength)} of text, far more than a ${kb(SHARE_LIMIT_CHARS)} link holds.`}{' '}
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
