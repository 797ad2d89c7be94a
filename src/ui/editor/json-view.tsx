/**
 * A read-only Monaco view of JSON text. Loaded lazily: Monaco is most of the app's weight and the
 * start page does not need it.
 */
import { EDITOR_OPTIONS } from './editor-options';
import Editor from '@monaco-editor/react';
import { editorTheme } from './monaco-setup';
import { useColorScheme } from '../use-color-scheme';

export default function JsonView({ text, path }: { text: string; path: string }) {
  const scheme = useColorScheme();
  return (
    <Editor
      path={path}
      language="json"
      value={text}
      theme={editorTheme(scheme)}
      options={{
        ...EDITOR_OPTIONS,
        readOnly: true,
        fontSize: 13,
        renderWhitespace: 'none',
        folding: true,
      }}
    />
  );
}
