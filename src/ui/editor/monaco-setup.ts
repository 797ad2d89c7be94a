/**
 * Monaco from our own bundle: the loader would otherwise inject a <script> from a CDN. Only the
 * editor core and the JSON language are bundled (the slim entry points), with their workers.
 */
import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/yaml/register';
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';

self.MonacoEnvironment = {
  getWorker(_id: string, label: string) {
    return label === 'json' ? new JsonWorker() : new EditorWorker();
  },
};

// Never fetch a $schema URL named inside a user's file.
jsonDefaults.setDiagnosticsOptions({ validate: true, enableSchemaRequest: false, allowComments: false });

// The loader's types describe the full namespace; the slim one has everything it uses.
loader.config({ monaco: monaco as unknown as Parameters<typeof loader.config>[0]['monaco'] });

// Monaco's own themes, with diff highlights light enough (dark enough in the dark theme) that the
// JSON tokens on them keep a 4.5:1 contrast (WCAG AA); the stock ones fall just short of it.
monaco.editor.defineTheme('studio-light', {
  base: 'vs',
  inherit: true,
  rules: [],
  colors: {
    'diffEditor.removedTextBackground': '#ff000018',
    'diffEditor.removedLineBackground': '#ff000010',
    'diffEditor.insertedTextBackground': '#9ccc2c30',
    'diffEditor.insertedLineBackground': '#9bb95520',
  },
});
monaco.editor.defineTheme('studio-dark', {
  base: 'vs-dark',
  inherit: true,
  rules: [],
  colors: {
    'diffEditor.removedTextBackground': '#ff000030',
    'diffEditor.removedLineBackground': '#ff000018',
    'diffEditor.insertedTextBackground': '#9ccc2c22',
    'diffEditor.insertedLineBackground': '#9bb95516',
  },
});

/** The editor theme for the page's color scheme. */
export function editorTheme(scheme: 'light' | 'dark'): string {
  return scheme === 'dark' ? 'studio-dark' : 'studio-light';
}

// End-to-end tests read editor models through this handle.
(window as unknown as { __monaco?: typeof monaco }).__monaco = monaco;

export { monaco, jsonDefaults };
