/** What every Monaco view of the app shares. */
import type { editor } from 'monaco-editor';

export const EDITOR_OPTIONS = {
  minimap: { enabled: false },
  automaticLayout: true,
  scrollBeyondLastLine: false,
  wordWrap: 'on',
  // Demos are prose: curly quotes and accents are content, not look-alike characters to flag.
  unicodeHighlight: { ambiguousCharacters: false },
  // Tab and Shift+Tab move the focus on, as everywhere else on the page, instead of trapping a keyboard user in
  // the editor (Ctrl+M turns Tab back into indentation, as in VS Code; Enter already indents JSON).
  tabFocusMode: true,
} as const satisfies editor.IEditorOptions;
