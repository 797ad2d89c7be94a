/** Two whole checkpoints side by side in Monaco's diff editor. Loaded lazily with Monaco. */
import { DiffEditor } from '@monaco-editor/react';
import '../editor/monaco-setup';
import { useColorScheme } from '../use-color-scheme';

export default function SeriesDiffEditor({ original, modified, a, b }: { original: string; modified: string; a: number; b: number }) {
  const scheme = useColorScheme();
  return (
    <DiffEditor
      original={original}
      modified={modified}
      language="json"
      theme={scheme === 'dark' ? 'vs-dark' : 'vs'}
      originalModelPath={`inmemory://series/checkpoint-${a + 1}.json`}
      modifiedModelPath={`inmemory://series/checkpoint-${b + 1}.json`}
      options={{ readOnly: true, renderSideBySide: true, minimap: { enabled: false }, fontSize: 12.5, automaticLayout: true, scrollBeyondLastLine: false, wordWrap: 'on' }}
    />
  );
}
