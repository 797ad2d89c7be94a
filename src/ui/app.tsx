import { useCallback } from 'react';
import { useDocumentStore } from '../state/document-store';
import { useSeriesStore } from '../state/series-store';
import { openDropped } from '../state/open-dropped';
import { useWeightsStore } from '../state/weights-store';
import { EmptyState } from './shell/empty-state';
import { ErrorBanner } from './shell/error-banner';
import { LockedNotice } from './shell/locked-notice';
import { KeyPrompt } from './crypto/key-prompt';
import { SessionPrompt } from './history/session-prompt';
import { IncomingLink } from './share/incoming-link';
import { FileDrop } from './shell/file-drop';
import { Header } from './shell/header';
import { ProgressBar } from './shell/progress-bar';
import { useThemeAttribute } from './use-color-scheme';
import { Workspace } from './workspace/workspace';
import { SeriesReturnBar } from './series/series-return-bar';
import { SeriesView } from './series/series-view';
import { WeightsView } from './weights/weights-view';
import { useSession } from '../state/session/session-store';

const LOCK_CODES = new Set(['maybe-encrypted', 'needs-key', 'wrong-key']);

export function App() {
  useThemeAttribute();
  const summary = useSession((s) => s.summary);
  const program = useSession((s) => s.program);
  const opening = useDocumentStore((s) => s.opening);
  const error = useSession((s) => s.error);
  const openSample = useDocumentStore((s) => s.openSample);
  const cancelOpen = useDocumentStore((s) => s.cancelOpen);
  const dismissError = useSession((s) => s.dismissError);
  const locked = useDocumentStore((s) => s.locked);
  const seriesShown = useSeriesStore((s) => s.status !== 'closed' && s.view === 'series');
  const weightsShown = useWeightsStore((s) => s.status !== 'closed');

  // Weights files and model folders go to their own view; everything else opens as a document.
  const onFiles = useCallback((files: File[]) => void openDropped(files), []);
  const onSample = useCallback(() => void openSample(), [openSample]);

  // The error that sent a file to the key dialog is not shown as one while the dialog is up.
  const waitingForKey = locked !== undefined && error?.fileName === locked.name && LOCK_CODES.has(error.code);

  return (
    <div className="app">
      <Header onFiles={onFiles} onSample={onSample} />
      {/* Banners take their own row, which scrolls when they outgrow it: the workspace shrinks, never the window grows. */}
      <div className="app-banners">
        {opening && <ProgressBar name={opening.name} progress={opening.progress} onCancel={cancelOpen} />}
        {waitingForKey ? (
          <LockedNotice name={locked.name} maybe={error.code === 'maybe-encrypted'} />
        ) : (
          error && <ErrorBanner error={error} onDismiss={dismissError} />
        )}
        <IncomingLink />
        <SessionPrompt />
        <SeriesReturnBar />
      </div>
      <main className="app-main">
        {weightsShown ? (
          <WeightsView />
        ) : seriesShown ? (
          <SeriesView />
        ) : summary && program ? (
          <Workspace program={program} summary={summary} />
        ) : (
          <EmptyState onFiles={onFiles} onSample={onSample} />
        )}
      </main>
      <FileDrop onFiles={onFiles} />
      <KeyPrompt />
    </div>
  );
}
