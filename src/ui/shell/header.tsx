import { useState } from 'react';
import { useDocumentStore } from '../../state/document-store';
import { useSettingsStore, type ThemeChoice } from '../../state/settings-store';
import { AboutDialog } from '../about/about-dialog';
import { UpdatePrompt } from '../about/update-prompt';
import { ShareDialog } from '../share/share-dialog';
import { SharedNotice } from '../share/shared-notice';
import { OpenFileButton } from './open-file-button';

export function Header({ onFiles, onSample }: { onFiles: (files: File[]) => void; onSample: () => void }) {
  const summary = useDocumentStore((s) => s.summary);
  const theme = useSettingsStore((s) => s.theme);
  const setTheme = useSettingsStore((s) => s.setTheme);
  const [dialog, setDialog] = useState<'share' | 'about'>();
  return (
    <header className="header">
      <div className="brand">
        <img src="./favicon.svg" alt="" width={22} height={22} />
        <span className="brand-name">Program Studio</span>
      </div>
      {summary && (
        <div className="header-file" title={summary.name}>
          {summary.name}
        </div>
      )}
      <SharedNotice />
      <div className="header-actions">
        <OpenFileButton onFiles={onFiles} className="button" />
        <button type="button" className="button ghost" onClick={onSample}>
          Sample
        </button>
        <button type="button" className="button ghost" disabled={!summary} onClick={() => setDialog('share')}>
          Share
        </button>
        <button type="button" className="button ghost" onClick={() => setDialog('about')}>
          About
        </button>
      </div>
      <select className="select header-theme" aria-label="Theme" value={theme} onChange={(e) => setTheme(e.currentTarget.value as ThemeChoice)}>
        <option value="system">System theme</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
      {dialog === 'share' && <ShareDialog onClose={() => setDialog(undefined)} />}
      {dialog === 'about' && <AboutDialog onClose={() => setDialog(undefined)} />}
      <UpdatePrompt />
    </header>
  );
}
