/**
 * A read-only Monaco view of JSON text. Loaded lazily: Monaco is most of the app's weight and the
 * start page does not need it.
 */
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
        readOnly: true,
        minimap: { enabled: false },
        fontSize: 13,
        scrollBeyondLastLine: false,
        wordWrap: 'on',
        automaticLayout: true,
        // Demos are prose: curly quotes and accents are content, not look-alike characters to flag.
        unicodeHighlight: { ambiguousCharacters: false },
        renderWhitespace: 'none',
        folding: true,
      }}
    />
  );
}
