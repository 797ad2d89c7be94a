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

// End-to-end tests read editor models through this handle.
(window as unknown as { __monaco?: typeof monaco }).__monaco = monaco;

export { monaco, jsonDefaults };
