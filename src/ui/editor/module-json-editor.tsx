/**
 * The precise view: the selected module's saved state in Monaco, editable. Monaco marks syntax and
 * schema problems as you type; once the text is valid it is sent to the worker, which validates it
 * again and applies it as one undoable edit. Invalid text stays in the editor and changes nothing.
 */
import { EDITOR_OPTIONS } from './editor-options';
import Editor, { type OnMount } from '@monaco-editor/react';
import { ReadOnlyDiff } from './read-only-diff';
import { useEffect, useRef, useState } from 'react';
import { editorTheme, jsonDefaults, monaco } from './monaco-setup';
import { useColorScheme } from '../use-color-scheme';

export interface ModuleJsonEditorProps {
  moduleId: string;
  /** The module's JSON as the worker has it now. */
  json: string;
  schema?: object;
  /** The module as opened, when the diff is shown. */
  original?: string;
  /** Sends valid text to be applied; resolves to an error message when the worker refused it. */
  onApply(text: string): Promise<string | undefined>;
  /** Shown but not editable (a read-only document). */
  readOnly?: boolean;
  /** Says what the view leaves out (a module's megabytes of demos). */
  leftOutNote?: string;
}

const APPLY_AFTER_MS = 700;

function modelUri(moduleId: string): string {
  return `inmemory://program/modules/${encodeURIComponent(moduleId)}.json`;
}

export default function ModuleJsonEditor({ moduleId, json, schema, original, onApply, readOnly = false, leftOutNote }: ModuleJsonEditorProps) {
  const scheme = useColorScheme();
  const theme = editorTheme(scheme);
  const [status, setStatus] = useState<{ kind: 'ok' | 'pending' | 'error'; text: string }>({ kind: 'ok', text: readOnly ? 'Read-only' : 'In sync with the model' });
  const editorRef = useRef<Parameters<OnMount>[0] | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const lastApplied = useRef(json);
  const uri = modelUri(moduleId);

  // The schema for this module's model, so Monaco marks schema errors too.
  useEffect(() => {
    jsonDefaults.setDiagnosticsOptions({
      validate: true,
      enableSchemaRequest: false,
      schemas: schema ? [{ uri: `inmemory://schemas/${encodeURIComponent(moduleId)}`, fileMatch: [uri], schema }] : [],
    });
  }, [schema, uri, moduleId]);

  // Form edits, undo and redo change the model: show them, unless the user has unapplied text here.
  useEffect(() => {
    const editor = editorRef.current;
    lastApplied.current = json;
    if (!editor) return;
    const current = editor.getValue();
    if (current !== json && status.kind !== 'error') {
      editor.setValue(json);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new model text should overwrite the editor
  }, [json]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const schedule = (text: string) => {
    clearTimeout(timer.current);
    if (text === lastApplied.current) {
      setStatus({ kind: 'ok', text: 'In sync with the model' });
      return;
    }
    setStatus({ kind: 'pending', text: 'Checking…' });
    timer.current = setTimeout(() => {
      const model = editorRef.current?.getModel();
      const markers = model ? monaco.editor.getModelMarkers({ resource: model.uri }).filter((m) => m.severity >= monaco.MarkerSeverity.Error) : [];
      const first = markers[0];
      if (first) {
        setStatus({ kind: 'error', text: `Line ${first.startLineNumber}, column ${first.startColumn}: ${first.message} — not applied` });
        return;
      }
      void onApply(text).then((problem) => {
        if (problem) setStatus({ kind: 'error', text: `${problem} — not applied` });
        else {
          lastApplied.current = text;
          setStatus({ kind: 'ok', text: 'Applied' });
        }
      });
    }, APPLY_AFTER_MS);
  };

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    // Markers arrive after validation; re-check so an error that appears late still blocks the apply.
    editor.onDidChangeModelContent(() => schedule(editor.getValue()));
  };

  return (
    <div className="json-editor">
      <div className={`json-status ${status.kind}`} role={status.kind === 'error' ? 'alert' : 'status'} data-testid="json-status">
        {status.text}
      </div>
      {leftOutNote && (
        <div className="json-status" data-testid="json-left-out">
          {leftOutNote}
        </div>
      )}
      <div className="json-editor-body">
        {original !== undefined ? (
          <ReadOnlyDiff
            original={original}
            modified={json}
            language="json"
            theme={theme}
            originalModelPath={`${uri}.original`}
            modifiedModelPath={`${uri}.modified`}
            options={{ ...EDITOR_OPTIONS, readOnly: true, renderSideBySide: false, originalAriaLabel: 'Module JSON as opened', modifiedAriaLabel: 'Module JSON now', fontSize: 12.5 }}
          />
        ) : (
          <Editor
            path={uri}
            language="json"
            defaultValue={json}
            theme={theme}
            onMount={onMount}
            options={{ ...EDITOR_OPTIONS, readOnly, fontSize: 12.5, tabSize: 2, folding: true }}
          />
        )}
      </div>
    </div>
  );
}
