/**
 * The opened file's SHA-256 (of its bytes as they came: an encrypted file's encrypted bytes), with
 * a Copy button, and for an encrypted file how it was opened: scheme, layout or KDF, and where the
 * key came from (never the key itself).
 */
import { useState } from 'react';
import { formatCount } from '../../core/engine/errors';
import type { EncryptionFacts } from '../../worker/protocol';
import './crypto.css';
import { useSession } from '../../state/session/session-store';

const LAYOUT_LABEL: Record<string, string> = { 'iv-ct-tag': 'IV · ciphertext · tag', 'iv-tag-ct': 'IV · tag · ciphertext' };

export function describeEncryption(e: EncryptionFacts): string {
  if (e.scheme === 'raw') return `AES-256-GCM, ${LAYOUT_LABEL[e.layout ?? ''] ?? 'raw key'}, ${e.keyLabel}`;
  return `Passphrase container, ${e.kdf ?? 'PBKDF2-SHA-256'}${e.iterations ? ` ${formatCount(e.iterations)} iterations` : ''}, ${e.keyLabel}`;
}

export function FileDigest() {
  const sha256 = useSession((s) => s.sha256);
  const encryption = useSession((s) => s.encryption);
  const name = useSession((s) => s.summary?.name);
  const [copied, setCopied] = useState<string>();
  if (!sha256) return null;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(sha256);
      setCopied('Copied');
    } catch {
      setCopied('The clipboard refused: select the digest and copy it');
    }
  };

  return (
    <div className="file-digest" aria-label="Opened file">
      {encryption && (
        <span className="badge accent" data-testid="opened-encryption" title="The key stays in this tab’s memory for this document only">
          Decrypted · {describeEncryption(encryption)}
        </span>
      )}
      <span className="muted">SHA-256</span>
      <span className="file-digest-hash" data-testid="opened-sha256" title={`SHA-256 of ${name ?? 'the file'} as opened`}>
        {sha256}
      </span>
      <button type="button" className="link" onClick={() => void copy()} aria-label="Copy SHA-256">
        Copy
      </button>
      {copied && (
        <span className="muted" role="status">
          {copied}
        </span>
      )}
    </div>
  );
}
