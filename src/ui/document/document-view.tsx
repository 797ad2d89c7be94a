import { lazy, Suspense } from 'react';
import type { DocumentSummary } from '../../worker/protocol';
import { formatBytes } from '../format-bytes';
import { RecipeBadges } from './recipe-badges';
import { useWorkerQuery } from '../../state/session/use-worker-query';

const JsonView = lazy(() => import('../editor/json-view'));

/** Characters of text the page accepts at once; larger documents are shown a module at a time. */
const MAX_VIEW_CHARS = 20_000_000;

export function DocumentView({ summary }: { summary: DocumentSummary }) {
  // Asked again for every document opened (and every change); `summary` names the document shown.
  const query = useWorkerQuery('text', { pointer: '', maxChars: MAX_VIEW_CHARS });
  const view: { text: string } | { tooLarge: number } | { error: string } | undefined =
    query.status === 'error' ? { error: query.error.message } : 'data' in query && query.data ? query.data : undefined;

  return (
    <div className="document">
      <div className="document-bar">
        <RecipeBadges recipe={summary.recipe} />
        <span className="muted">
          {formatBytes(summary.inputBytes)} on disk · {formatBytes(summary.decodedBytes)} decoded · opened in {summary.openMs} ms
        </span>
      </div>
      <div className="document-body">
        {view === undefined && <div className="placeholder muted">Loading…</div>}
        {view && 'error' in view && <div className="placeholder">{view.error}</div>}
        {view && 'tooLarge' in view && <div className="placeholder muted">This document is {formatBytes(view.tooLarge)} of text: too large to show whole.</div>}
        {view && 'text' in view && (
          <Suspense fallback={<div className="placeholder muted">Loading editor…</div>}>
            <JsonView text={view.text} path={`document/${summary.name}`} />
          </Suspense>
        )}
      </div>
    </div>
  );
}
