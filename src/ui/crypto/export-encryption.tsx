/**
 * The export dialog's Encryption section: none, a raw 32-byte key in Ruby's layout (IV · ciphertext
 * · tag; the other layout on request), or a passphrase into our container. An encrypted document
 * offers its own key or passphrase (held by its worker) by default, so re-saving keeps it
 * encrypted. Compression, when chosen, is applied before encryption (the recipe reads outermost
 * first: aes-gcm → gzip → json).
 */
import { useRef } from 'react';
import { RAW_LAYER_ID, type RawLayout } from '../../core/engine/crypto/aes-gcm-raw';
import { CONTAINER_LAYER_ID } from '../../core/engine/crypto/container';
import type { Recipe } from '../../core/engine/layers/recipe';
import type { EncryptionFacts, ExportEncryptionRequest } from '../../worker/protocol';
import './crypto.css';

export type EncryptionScheme = 'none' | 'raw' | 'container';

export interface EncryptionChoice {
  scheme: EncryptionScheme;
  /** Use the key or passphrase the document was opened with. */
  own: boolean;
  key: string;
  keyFile?: { name: string; bytes: Uint8Array };
  passphrase: string;
  confirm: string;
  layout: RawLayout;
}

export function initialEncryption(facts: EncryptionFacts | undefined): EncryptionChoice {
  return { scheme: facts?.scheme ?? 'none', own: facts !== undefined, key: '', passphrase: '', confirm: '', layout: facts?.layout ?? 'iv-ct-tag' };
}

/** Whether the document's own secret fits the scheme chosen. */
function ownFits(choice: EncryptionChoice, facts: EncryptionFacts | undefined): boolean {
  return choice.own && facts?.scheme === choice.scheme;
}

/** The request for the worker, or what is still missing. */
export function encryptionRequest(choice: EncryptionChoice, facts: EncryptionFacts | undefined): { request?: ExportEncryptionRequest; problem?: string } {
  if (choice.scheme === 'none') return {};
  if (choice.scheme === 'raw') {
    if (ownFits(choice, facts)) return { request: { scheme: 'raw', layout: choice.layout, key: 'document' } };
    if (choice.keyFile) return { request: { scheme: 'raw', layout: choice.layout, key: choice.keyFile.bytes } };
    if (choice.key.trim() === '') return { problem: 'Enter the 32-byte key (64 hex or 44 base64 characters) or choose a key file.' };
    return { request: { scheme: 'raw', layout: choice.layout, key: choice.key } };
  }
  if (ownFits(choice, facts)) return { request: { scheme: 'container', passphrase: 'document' } };
  if (choice.passphrase === '') return { problem: 'Enter a passphrase.' };
  if (choice.passphrase !== choice.confirm) return { problem: 'The two passphrases differ.' };
  return { request: { scheme: 'container', passphrase: choice.passphrase } };
}

/** The outer step the file name should show (".enc", ".psenc"). */
export function encryptionStep(choice: EncryptionChoice): Recipe {
  if (choice.scheme === 'raw') return [{ layer: RAW_LAYER_ID, options: {} }];
  if (choice.scheme === 'container') return [{ layer: CONTAINER_LAYER_ID, options: {} }];
  return [];
}

export function ExportEncryptionSection({
  choice,
  facts,
  compression,
  onChange,
}: {
  choice: EncryptionChoice;
  facts: EncryptionFacts | undefined;
  compression: string;
  onChange: (next: EncryptionChoice) => void;
}) {
  const fileInput = useRef<HTMLInputElement>(null);
  const set = (patch: Partial<EncryptionChoice>) => onChange({ ...choice, ...patch });
  const canUseOwn = facts?.scheme === choice.scheme;
  const own = ownFits(choice, facts);
  const { problem } = encryptionRequest(choice, facts);

  return (
    <fieldset className="export-encryption" aria-label="Encryption">
      <legend>Encryption</legend>
      <div className="export-encryption-grid">
        <label>
          <span>Encrypt</span>
          <select
            className="select"
            value={choice.scheme}
            onChange={(e) => set({ scheme: e.currentTarget.value as EncryptionScheme, own: facts?.scheme === e.currentTarget.value })}
            aria-label="Encrypt"
          >
            <option value="none">No</option>
            <option value="raw">Raw key (.enc)</option>
            <option value="container">Passphrase (.psenc)</option>
          </select>
        </label>
        {choice.scheme !== 'none' && canUseOwn && (
          <label>
            <span>{choice.scheme === 'raw' ? 'Key' : 'Passphrase'}</span>
            <select
              className="select"
              value={own ? 'own' : 'new'}
              onChange={(e) => set({ own: e.currentTarget.value === 'own' })}
              aria-label={choice.scheme === 'raw' ? 'Which key' : 'Which passphrase'}
            >
              <option value="own">The one this file was opened with</option>
              <option value="new">{choice.scheme === 'raw' ? 'Another key' : 'A new passphrase'}</option>
            </select>
          </label>
        )}
        {choice.scheme === 'raw' && (
          <label>
            <span>Byte layout</span>
            <select
              className="select"
              value={choice.layout}
              onChange={(e) => set({ layout: e.currentTarget.value as RawLayout })}
              aria-label="Export byte layout"
            >
              <option value="iv-ct-tag">IV · ciphertext · tag (Ruby)</option>
              <option value="iv-tag-ct">IV · tag · ciphertext</option>
            </select>
          </label>
        )}
        {choice.scheme === 'raw' && !own && (
          <div className="export-encryption-wide">
            <label>
              <span>Key</span>
              <input
                className="text-input mono"
                type="password"
                autoComplete="off"
                spellCheck={false}
                value={choice.key}
                placeholder={choice.keyFile ? `from ${choice.keyFile.name}` : '64 hex or 44 base64 characters'}
                onChange={(e) => set({ key: e.currentTarget.value, keyFile: undefined })}
                aria-label="Export key"
              />
            </label>
            <p>
              <button type="button" className="button small" onClick={() => fileInput.current?.click()}>
                Choose key file…
              </button>{' '}
              <span className="muted">{choice.keyFile ? choice.keyFile.name : 'a .key file: 32 raw bytes, or the key as text'}</span>
              <input
                ref={fileInput}
                type="file"
                hidden
                onChange={(e) => {
                  const file = e.currentTarget.files?.[0];
                  e.currentTarget.value = '';
                  if (file && file.size <= 4096) void file.arrayBuffer().then((b) => set({ keyFile: { name: file.name, bytes: new Uint8Array(b) }, key: '' }));
                }}
              />
            </p>
          </div>
        )}
        {choice.scheme === 'container' && !own && (
          <>
            <label>
              <span>Passphrase</span>
              <input
                className="text-input"
                type="password"
                autoComplete="new-password"
                value={choice.passphrase}
                onChange={(e) => set({ passphrase: e.currentTarget.value })}
                aria-label="Export passphrase"
              />
            </label>
            <label>
              <span>Repeat it</span>
              <input
                className="text-input"
                type="password"
                autoComplete="new-password"
                value={choice.confirm}
                onChange={(e) => set({ confirm: e.currentTarget.value })}
                aria-label="Repeat the passphrase"
              />
            </label>
          </>
        )}
      </div>
      {choice.scheme === 'container' && (
        <p className="muted">
          Program Studio’s container: AES-256-GCM with a key from PBKDF2-SHA-256 (600,000 iterations). Without the passphrase the file cannot be opened.
        </p>
      )}
      {choice.scheme === 'raw' && (
        <p className="muted">AES-256-GCM with a 32-byte key, as Ruby’s OpenSSL writes it. The key is not written anywhere: keep it yourself.</p>
      )}
      {choice.scheme !== 'none' && compression !== 'none' && <p className="muted">Compressed first, then encrypted.</p>}
      {choice.scheme !== 'none' && problem && <p className="export-warning">{problem}</p>}
    </fieldset>
  );
}
