import { useState } from 'react';
import { useSettingsStore, type ThemeChoice } from '../../state/settings-store';
import { useWeightsStore } from '../../state/weights-store';
import { AboutDialog } from '../about/about-dialog';
import { UpdatePrompt } from '../about/update-prompt';
import { ShareDialog } from '../share/share-dialog';
import { SharedNotice } from '../share/shared-notice';
import { OpenFileButton } from './open-file-button';
import { useSession } from '../../state/session/session-store';

export function Header({ onFiles, onSample }: { onFiles: (files: File[]) => void; onSample: () => void }) {
  const summary = useSession((s) => s.summary);
  // The weights view, when shown, is what the page is about: its name replaces the document's.
  const weightsTitle = useWeightsStore((s) => (s.status === 'ready' ? s.title : undefined));
  const shownName = weightsTitle ?? summary?.name;
  const theme = useSettingsStore((s) => s.theme);
  const setTheme = useSettingsStore((s) => s.setTheme);
  const [dialog, setDialog] = useState<'share' | 'about'>();
  return (
    <header className="header">
      <div className="brand">
        <img src="./favicon.svg" alt="" width={22} height={22} />
        <span className="brand-name">Program Studio</span>
      </div>
      {shownName && (
        <div className="header-file" title={shownName}>
          {shownName}
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
