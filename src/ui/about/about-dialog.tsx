/** What the app is, which version, and what it stores and sends (the privacy note). */
import { useEffect, useRef } from 'react';
import './about.css';

export function AboutDialog({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog ref={ref} className="about-dialog" aria-labelledby="about-title" onClose={onClose}>
      <div className="about-head">
        <img src="./favicon.svg" alt="" width={28} height={28} />
        <h2 id="about-title">Program Studio</h2>
        <span className="badge">version {__APP_VERSION__}</span>
        <button type="button" className="button ghost small" onClick={() => ref.current?.close()} aria-label="Close">
          ✕
        </button>
      </div>
      <p>
        Open, inspect, edit, migrate and re-export the files ML and LLM people save their programs in: DSPy state of every version, versioned program envelopes
        (JSON, MessagePack, YAML; compressed or encrypted), PyTorch saves and other Python pickles, which are read as data and never run.
      </p>
      <h3>Privacy</h3>
      <ul className="about-list">
        <li>
          <strong>Sent:</strong> nothing. Your files are read in this page and never uploaded. The one exception is a file you ask for with <code>?url=</code>{' '}
          in the address: the browser fetches it from that host, without cookies.
        </li>
        <li>
          <strong>Stored, on this device only:</strong> settings (theme, pane sizes) in localStorage, and edit history and recent work in IndexedDB. Clearing
          this site&apos;s data in the browser removes them.
        </li>
        <li>
          <strong>Share links</strong> carry the program after the <code>#</code> of the address, which browsers never send to a server. Whoever has the link
          can read the program.
        </li>
        <li>
          <strong>Offline:</strong> after the first visit the app is kept by the browser (a service worker) and works without network.
        </li>
      </ul>
      <h3>Documentation</h3>
      <p className="muted">
        In the source repository: README.md, docs/formats.md, docs/program-model.md, docs/encryption.md, docs/pickles.md and docs/deploy.md (hosting your own
        copy).
      </p>
    </dialog>
  );
}
