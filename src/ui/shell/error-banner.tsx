import type { ErrorInfo } from '../../core/engine/errors';
import { formatCount } from '../../core/engine/errors';

/** What failed, in which layer, and where; user text is rendered as text, never as HTML. */
export function ErrorBanner({ error, onDismiss }: { error: ErrorInfo & { fileName?: string }; onDismiss: () => void }) {
  return (
    <div className="error-banner" role="alert" aria-label="Error">
      <div className="error-body">
        <div className="error-title">{error.fileName ? `Could not open ${error.fileName}` : 'Something went wrong'}</div>
        <div className="error-message">{error.message}</div>
        <dl className="error-facts">
          <dt>Layer</dt>
          <dd>{error.layer}</dd>
          <dt>Kind</dt>
          <dd>{error.code}</dd>
          {error.offset !== undefined && (
            <>
              <dt>Byte offset</dt>
              <dd>{formatCount(error.offset)}</dd>
            </>
          )}
          {error.path !== undefined && (
            <>
              <dt>JSON path</dt>
              <dd>
                <code>{error.path || '/'}</code>
              </dd>
            </>
          )}
        </dl>
      </div>
      <button type="button" className="button small" onClick={onDismiss} aria-label="Dismiss error">
        Dismiss
      </button>
    </div>
  );
}
