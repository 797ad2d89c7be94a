/**
 * The service worker keeps the app for offline use; when a new version is deployed it waits until
 * the user agrees, so an open document is never reloaded away under them.
 */
import { useRegisterSW } from 'virtual:pwa-register/react';
import './about.css';

export function UpdatePrompt() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisterError() {
      // No service worker (blocked, private mode, plain http): the app works the same, only not offline.
    },
  });
  if (!needRefresh) return null;
  return (
    <div className="update-prompt" role="status">
      <span>Update available</span>
      <button type="button" className="button small primary" onClick={() => void updateServiceWorker(true)}>
        Reload
      </button>
      <button type="button" className="button small ghost" onClick={() => setNeedRefresh(false)}>
        Later
      </button>
    </div>
  );
}
