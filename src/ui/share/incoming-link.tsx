/**
 * A link that asks to open something: what it will open (name, size, format of a `#p=` link; the
 * address and host of a `?url=`), and nothing happens until "Open". The preview is made in
 * state/route-store; this only shows it and dispatches the click.
 */
import { useIncomingLinkStore } from '../../state/incoming-link-store';
import { acceptIncomingLink, dismissIncomingLink } from '../../state/route-store';
import { formatBytes } from '../format-bytes';
import './share.css';

export function IncomingLink() {
  const pending = useIncomingLinkStore((s) => s.pending);
  if (!pending) return null;
  const share = pending.kind === 'share';
  return (
    <section className="incoming-link" role="region" aria-labelledby="incoming-link-title">
      <h2 id="incoming-link-title">{share ? 'This link holds a program' : 'This address asks to download a file'}</h2>
      <dl className="incoming-facts">
        {share ? (
          <>
            <dt>File</dt>
            <dd className="mono">{pending.name || '(no name)'}</dd>
            <dt>Size</dt>
            <dd>{formatBytes(pending.size)}</dd>
            <dt>Format</dt>
            <dd>{pending.format ?? 'not recognised by its first bytes'}</dd>
          </>
        ) : (
          <>
            <dt>From</dt>
            <dd className="mono">{pending.host}</dd>
            <dt>Address</dt>
            <dd className="mono">{pending.url}</dd>
            <dt>File</dt>
            <dd className="mono">{pending.name}</dd>
          </>
        )}
      </dl>
      <p className="muted">
        {share
          ? 'Nothing in it has been opened yet. It opens read-only; nothing is stored until you make it your copy.'
          : `Nothing has been fetched yet. Opening asks ${pending.host} for the file, without cookies; nothing else is sent.`}
      </p>
      <div className="incoming-actions">
        <button type="button" className="button primary" onClick={acceptIncomingLink}>
          {share ? 'Open read-only' : 'Download and open'}
        </button>
        <button type="button" className="button" onClick={dismissIncomingLink}>
          Don’t open
        </button>
      </div>
    </section>
  );
}
