import { installTrustedTypes } from './trusted-types';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startRouting } from './state/route-store';
import { prepareDocumentWorker } from './state/document-store';
import { App } from './ui/app';
import './ui/styles.css';

// First, before anything creates a worker: the one policy that lets this site's own script URLs through.
installTrustedTypes();

// Links in: a shared program (#p=), a file to fetch (?url=), a module to select (#/m/...). The
// service worker is registered by the update prompt (ui/about/update-prompt.tsx), which needs its state.
startRouting();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// Monaco is most of the app's weight and its first evaluation is a long task. Loading it while the
// page is idle (it is cached for offline use anyway) keeps that task out of opening a file.
const whenIdle = window.requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 1500));
// The page says when the preload has landed, so a test (or a curious user) can wait on it.
whenIdle(() => void import('./ui/editor/module-json-editor').then(() => (document.documentElement.dataset.editorPreloaded = 'true')));

// The first file dropped finds a document worker started and its code compiled (state/warm-worker).
prepareDocumentWorker();
