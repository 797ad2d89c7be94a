/**
 * Two JSON texts side by side in Monaco's diff editor, read-only: versions in the history, a
 * migration's before and after, two checkpoints of a series. Loaded lazily with Monaco.
 */
import { EDITOR_OPTIONS } from './editor-options';
import { ReadOnlyDiff } from './read-only-diff';
import { editorTheme } from './monaco-setup';
import { useColorScheme } from '../use-color-scheme';

export interface JsonDiffProps {
  original: string;
  modified: string;
  /** Model paths: they name the two sides (and let tests find them). */
  originalPath: string;
  modifiedPath: string;
  /** Fold long unchanged stretches, for whole programs where a change is a few lines. */
  hideUnchanged?: boolean;
}

export default function JsonDiff({ original, modified, originalPath, modifiedPath, hideUnchanged = false }: JsonDiffProps) {
  const scheme = useColorScheme();
  return (
    <ReadOnlyDiff
      original={original}
      modified={modified}
      language="json"
      theme={editorTheme(scheme)}
      originalModelPath={originalPath}
      modifiedModelPath={modifiedPath}
      options={{
        ...EDITOR_OPTIONS,
        readOnly: true,
        renderSideBySide: true,
        originalAriaLabel: `Before: ${originalPath.split('/').pop() ?? ''}`,
        modifiedAriaLabel: `After: ${modifiedPath.split('/').pop() ?? ''}`,
        fontSize: 12.5,
        hideUnchangedRegions: { enabled: hideUnchanged },
      }}
    />
  );
}
