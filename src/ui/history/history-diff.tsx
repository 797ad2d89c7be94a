/** Two versions side by side in Monaco's diff editor. Loaded lazily with Monaco. */
import { DiffEditor } from '@monaco-editor/react';
import '../editor/monaco-setup';
import { useColorScheme } from '../use-color-scheme';

export default function HistoryDiff({ original, modified }: { original: string; modified: string }) {
  const scheme = useColorScheme();
  return (
    <DiffEditor
      original={original}
      modified={modified}
      language="json"
      theme={scheme === 'dark' ? 'vs-dark' : 'vs'}
      originalModelPath="inmemory://history/version-a.json"
      modifiedModelPath="inmemory://history/version-b.json"
      options={{ readOnly: true, renderSideBySide: true, minimap: { enabled: false }, fontSize: 12.5, automaticLayout: true, scrollBeyondLastLine: false, wordWrap: 'on' }}
    />
  );
}
