/** The whole program before and after the migration, side by side in Monaco's diff view (read-only). */
import { DiffEditor } from '@monaco-editor/react';
import '../editor/monaco-setup';
import { useColorScheme } from '../use-color-scheme';

export default function MigrationDiff({ before, after }: { before: string; after: string }) {
  const scheme = useColorScheme();
  return (
    <DiffEditor
      original={before}
      modified={after}
      language="json"
      theme={scheme === 'dark' ? 'vs-dark' : 'vs'}
      originalModelPath="inmemory://migration/before.json"
      modifiedModelPath="inmemory://migration/after.json"
      options={{
        readOnly: true,
        renderSideBySide: true,
        minimap: { enabled: false },
        fontSize: 12.5,
        automaticLayout: true,
        wordWrap: 'on',
        scrollBeyondLastLine: false,
        hideUnchangedRegions: { enabled: true },
      }}
    />
  );
}
