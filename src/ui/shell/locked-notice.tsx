/**
 * While the key dialog asks for a file's key, the page says so plainly: the file is encrypted (or
 * may be), not broken. The red error comes back only if the user gives up on the key.
 */
export function LockedNotice({ name, maybe }: { name: string; maybe: boolean }) {
  return (
    <div className="locked-notice" role="status" data-testid="locked-notice">
      <span className="lock-glyph" aria-hidden="true" />
      <span>
        <span className="mono">{name}</span> {maybe ? 'may be encrypted: enter the key to open it.' : 'is encrypted: enter the key to open it.'}
      </span>
    </div>
  );
}
