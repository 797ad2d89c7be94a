/**
 * Asks for the key of a file that wants one: a raw AES-256-GCM file ("This may be encrypted: enter
 * a key": 64 hex / base64, or a key file picked or dropped here, with the byte layout) or our
 * passphrase container (its KDF and cost shown first). A wrong key keeps the dialog open with the
 * reason; the file's bytes wait in their worker, so nothing is read or dropped again. The secret is
 * handed to that worker and not kept on the page.
 */
import { useEffect, useRef, useState, type DragEvent, type FormEvent } from 'react';
import type { RawLayout } from '../../core/engine/crypto/aes-gcm-raw';
import { formatCount } from '../../core/engine/errors';
import { useDocumentStore } from '../../state/document-store';
import type { OpenCredentials } from '../../worker/protocol';
import { formatBytes } from '../format-bytes';
import './crypto.css';

type LayoutChoice = 'auto' | RawLayout;

export function KeyPrompt() {
  const locked = useDocumentStore((s) => s.locked);
  if (!locked) return null;
  // Keyed by the file, so another file gets a fresh form.
  return <KeyDialog key={locked.name} />;
}

function KeyDialog() {
  const ref = useRef<HTMLDialogElement>(null);
  const locked = useDocumentStore((s) => s.locked)!;
  const unlock = useDocumentStore((s) => s.unlock);
  const cancel = useDocumentStore((s) => s.cancelUnlock);
  const container = locked.info?.container;
  const passphraseFile =
    container !== undefined ||
    (locked.error.code === 'needs-key' && /passphrase/i.test(locked.error.message) && !/not a passphrase/i.test(locked.error.message));
  const [secret, setSecret] = useState('');
  const [keyFile, setKeyFile] = useState<{ name: string; bytes: Uint8Array }>();
  const [layout, setLayout] = useState<LayoutChoice>('auto');
  const [busy, setBusy] = useState(false);
  const [over, setOver] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const wrongKey = locked.tries > 0 && (locked.error.code === 'wrong-key' || locked.error.layer === 'key' || locked.error.code === 'needs-key');
  const problem = locked.tries > 0 ? locked.error.message : undefined;
  const ready = !busy && (keyFile !== undefined || secret.length > 0);

  const takeKeyFile = async (file: File) => {
    if (file.size > 4096) {
      setKeyFile(undefined);
      return;
    }
    setSecret('');
    setKeyFile({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!ready) return;
    let credentials: OpenCredentials;
    if (passphraseFile) credentials = { passphrase: secret, source: { from: 'typed' } };
    else if (keyFile) credentials = { key: keyFile.bytes, source: { from: 'file', name: keyFile.name } };
    else credentials = { key: secret, source: { from: 'typed' } };
    if (!passphraseFile && layout !== 'auto') credentials.layout = layout;
    setBusy(true);
    const error = await unlock(credentials);
    // The worker has its own copy now; this one is not needed on the page.
    keyFile?.bytes.fill(0);
    setBusy(false);
    if (error) {
      setKeyFile(undefined);
      setSecret('');
    }
  };

  const onDrop = (e: DragEvent) => {
    // The page's own drop handler would open the key file as a document and drop this one.
    e.preventDefault();
    e.stopPropagation();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file) void takeKeyFile(file);
  };
  const onDragOver = (e: DragEvent) => {
    e.preventDefault();
    e.stopPropagation();
    setOver(true);
  };

  const what = passphraseFile ? 'passphrase' : 'key';
  return (
    <dialog
      ref={ref}
      className="key-dialog"
      aria-labelledby="key-title"
      data-testid="key-prompt"
      onCancel={(e) => {
        e.preventDefault();
        cancel();
      }}
      onDragEnter={onDragOver}
      onDragOver={onDragOver}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <form onSubmit={(e) => void submit(e)}>
        <h2 id="key-title">
          Enter the {what} for <span className="mono key-file-name">{locked.name}</span>
        </h2>
        {passphraseFile ? (
          <p className="key-facts" data-testid="key-facts">
            <span className="badge accent">Passphrase container</span>
            <span>
              {container ? `${container.kdf}, ${formatCount(container.iterations)} iterations` : 'PBKDF2-SHA-256'} · AES-256-GCM
              {locked.info ? ` · ${formatBytes(locked.info.size)}` : ''}
            </span>
          </p>
        ) : (
          <p className="key-facts" data-testid="key-facts">
            <span className="badge warn">May be encrypted</span>
            <span>
              No known format matches {locked.info ? `these ${formatBytes(locked.info.size)}` : 'this file'} and the bytes look random. If it is AES-256-GCM
              with a 32-byte key, enter the key.
            </span>
          </p>
        )}
        {passphraseFile ? (
          <label className="key-field">
            <span>Passphrase</span>
            <input
              className="text-input"
              type="password"
              autoComplete="off"
              autoFocus
              value={secret}
              onChange={(e) => setSecret(e.currentTarget.value)}
              aria-label="Passphrase"
            />
          </label>
        ) : (
          <>
            <label className="key-field">
              <span>Key</span>
              <input
                className="text-input mono"
                type="password"
                autoComplete="off"
                spellCheck={false}
                autoFocus
                placeholder={keyFile ? `from ${keyFile.name}` : '64 hex or 44 base64 characters'}
                value={secret}
                onChange={(e) => {
                  setKeyFile(undefined);
                  setSecret(e.currentTarget.value);
                }}
                aria-label="Key"
              />
            </label>
            <div className={over ? 'key-file over' : 'key-file'}>
              <button type="button" className="button small" onClick={() => fileInput.current?.click()}>
                Choose key file…
              </button>
              <span className="muted">
                {keyFile ? <span className="mono">{keyFile.name}</span> : 'or drop a .key file here (32 raw bytes, or the key as text)'}
              </span>
              <input
                ref={fileInput}
                type="file"
                hidden
                data-testid="key-file-input"
                onChange={(e) => {
                  const file = e.currentTarget.files?.[0];
                  if (file) void takeKeyFile(file);
                  e.currentTarget.value = '';
                }}
              />
            </div>
            <label className="key-field">
              <span>Byte layout</span>
              <select className="select" value={layout} onChange={(e) => setLayout(e.currentTarget.value as LayoutChoice)} aria-label="Byte layout">
                <option value="auto">Try both (recommended)</option>
                <option value="iv-ct-tag">IV · ciphertext · tag (Ruby’s OpenSSL)</option>
                <option value="iv-tag-ct">IV · tag · ciphertext</option>
              </select>
            </label>
          </>
        )}
        {problem && (
          <p className="key-error" role="alert" data-testid="key-error">
            {wrongKey && locked.error.code === 'wrong-key' ? 'Wrong key or the file was changed' : problem}
            {locked.tries > 1 ? <span className="muted"> (try {locked.tries})</span> : null}
          </p>
        )}
        <p className="key-note muted">
          The {what} stays in this tab’s memory for this document only. It is never stored, never put in the history, and a reload asks for it again.
        </p>
        <div className="key-actions">
          <button type="button" className="button" onClick={cancel}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={!ready}>
            {busy ? (passphraseFile ? 'Deriving the key…' : 'Decrypting…') : 'Open'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
