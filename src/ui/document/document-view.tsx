import { lazy, Suspense, useEffect, useState } from 'react';
import type { DocumentSummary } from '../../worker/protocol';
import { formatBytes } from '../format-bytes';
import { RecipeBadges } from './recipe-badges';
import { useSession } from '../../state/session/session-store';

const JsonView = lazy(() => import('../editor/json-view'));

/** Characters of text the page accepts at once; larger documents are shown a module at a time. */
const MAX_VIEW_CHARS = 20_000_000;

export function DocumentView({ summary }: { summary: DocumentSummary }) {
  const client = useSession((s) => s.client);
  const [view, setView] = useState<{ text: string } | { tooLarge: number } | { error: string }>();

  useEffect(() => {
    let live = true;
    setView(undefined);
    client
      ?.call('text', { pointer: '', maxChars: MAX_VIEW_CHARS })
      .then((r) => live && setView(r))
      .catch((e: unknown) => live && setView({ error: e instanceof Error ? e.message : String(e) }));
    return () => {
      live = false;
    };
  }, [client, summary]);

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
        {view && 'tooLarge' in view && (
          <div className="placeholder muted">This document is {formatBytes(view.tooLarge)} of text: too large to show whole.</div>
        )}
        {view && 'text' in view && (
          <Suspense fallback={<div className="placeholder muted">Loading editor…</div>}>
            <JsonView text={view.text} path={`document/${summary.name}`} />
          </Suspense>
        )}
      </div>
    </div>
  );
}
