/**
 * The precise view: the selected module's saved state in Monaco, editable. Monaco marks syntax and
 * schema problems as you type; once the text is valid it is sent to the worker, which validates it
 * again and applies it as one undoable edit. Invalid text stays in the editor and changes nothing, and
 * is kept as the module's draft (onDraft): it comes back when the module is shown again, after a
 * reload too, marked as an unsaved draft with an error until it is fixed or discarded on purpose.
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
  /** The module's kept draft: shown instead of `json` when the editor opens, marked while it has an error. */
  draft?: { text: string; error?: string };
  /** Text not applied (with why, once checked), or undefined once the text is applied or in sync again. */
  onDraft?(text: string | undefined, error?: string): void;
  /** Where a draft that could not be stored is said. */
  draftProblem?: string;
}

const APPLY_AFTER_MS = 700;

function modelUri(moduleId: string): string {
  return `inmemory://program/modules/${encodeURIComponent(moduleId)}.json`;
}

export default function ModuleJsonEditor({
  moduleId,
  json,
  schema,
  original,
  onApply,
  readOnly = false,
  leftOutNote,
  draft,
  onDraft,
  draftProblem,
}: ModuleJsonEditorProps) {
  const scheme = useColorScheme();
  const theme = editorTheme(scheme);
  const [status, setStatus] = useState<{ kind: 'ok' | 'pending' | 'error'; text: string }>({
    kind: 'ok',
    text: readOnly ? 'Read-only' : 'In sync with the model',
  });
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

  /**
   * The texts the model may have been created with: the editor calls onMount a render after it creates
   * the model, so text that differs from all of them at mount was typed (or set) before our listener.
   */
  const beforeMount = useRef(new Set([json]));
  // Form edits, undo and redo change the model: show them, unless the user has unapplied text here.
  useEffect(() => {
    const editor = editorRef.current;
    lastApplied.current = json;
    if (!editor) {
      beforeMount.current.add(json);
      return;
    }
    const current = editor.getValue();
    if (current !== json && status.kind !== 'error') {
      editor.setValue(json);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new model text should overwrite the editor
  }, [json]);

  useEffect(() => () => clearTimeout(timer.current), []);

  // Text typed but not yet checked when the editor closes (another module selected) is kept unchecked.
  const unchecked = useRef<string | undefined>(undefined);
  const draftSink = useRef(onDraft);
  draftSink.current = onDraft;
  useEffect(
    () => () => {
      if (unchecked.current !== undefined) draftSink.current?.(unchecked.current);
    },
    [],
  );

  const schedule = (text: string) => {
    clearTimeout(timer.current);
    if (text === lastApplied.current) {
      unchecked.current = undefined;
      onDraft?.(undefined);
      setStatus({ kind: 'ok', text: 'In sync with the model' });
      return;
    }
    unchecked.current = text;
    setStatus({ kind: 'pending', text: 'Checking…' });
    timer.current = setTimeout(() => {
      const model = editorRef.current?.getModel();
      const markers = model ? monaco.editor.getModelMarkers({ resource: model.uri }).filter((m) => m.severity >= monaco.MarkerSeverity.Error) : [];
      const first = markers[0];
      if (first) {
        const error = `Line ${first.startLineNumber}, column ${first.startColumn}: ${first.message}`;
        unchecked.current = undefined;
        onDraft?.(text, error);
        setStatus({ kind: 'error', text: `${error} — not applied` });
        return;
      }
      void onApply(text).then((problem) => {
        if (unchecked.current === text) unchecked.current = undefined;
        if (problem) {
          onDraft?.(text, problem);
          setStatus({ kind: 'error', text: `${problem} — not applied` });
        } else {
          lastApplied.current = text;
          onDraft?.(undefined);
          setStatus({ kind: 'ok', text: 'Applied' });
        }
      });
    }, APPLY_AFTER_MS);
  };

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    // Markers arrive after validation; re-check so an error that appears late still blocks the apply.
    editor.onDidChangeModelContent(() => schedule(editor.getValue()));
    const text = editor.getValue();
    const created = beforeMount.current;
    beforeMount.current = new Set();
    if (!created.has(text)) {
      schedule(text);
      return;
    }
    if (text !== lastApplied.current) editor.setValue(lastApplied.current);
    adoptDraft();
  };

  // A kept draft takes the editor when it opens, or when the draft arrives later (a restored
  // session's drafts load after its document): unless the user is already typing here.
  const latestDraft = useRef(draft);
  latestDraft.current = draft;
  const adoptDraft = () => {
    const editor = editorRef.current;
    const kept = latestDraft.current;
    if (!editor || !kept || readOnly || original !== undefined) return;
    const current = editor.getValue();
    if (current !== lastApplied.current || current === kept.text) return;
    // The change is checked again (schedule): still wrong, it stays marked; valid now, it is applied as any text.
    editor.setValue(kept.text);
    if (kept.error !== undefined) setStatus({ kind: 'error', text: `${kept.error} — not applied` });
  };
  useEffect(adoptDraft, [draft?.text]); // eslint-disable-line react-hooks/exhaustive-deps -- only a new draft text is adopted

  /** The user's choice: the draft's text goes, the editor shows the model again. */
  const discard = () => {
    clearTimeout(timer.current);
    unchecked.current = undefined;
    onDraft?.(undefined);
    const editor = editorRef.current;
    if (editor && editor.getValue() !== lastApplied.current) editor.setValue(lastApplied.current);
    setStatus({ kind: 'ok', text: 'Draft discarded; in sync with the model' });
  };
  const marked = !readOnly && original === undefined && draft?.error !== undefined;

  return (
    <div className="json-editor">
      <div className={`json-status ${status.kind}`} role={status.kind === 'error' ? 'alert' : 'status'} data-testid="json-status">
        {status.text}
      </div>
      {marked && (
        <div className="json-draft" data-testid="json-draft">
          <span>
            <strong>Unsaved draft with an error</strong> — not applied to the model; kept with this document (across modules and reloads) until it is fixed or
            discarded.
          </span>
          <button type="button" className="button small" onClick={discard}>
            Discard draft
          </button>
        </div>
      )}
      {draftProblem && (
        <div className="json-status error" role="alert">
          {draftProblem}
        </div>
      )}
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
            options={{
              ...EDITOR_OPTIONS,
              readOnly: true,
              renderSideBySide: false,
              originalAriaLabel: 'Module JSON as opened',
              modifiedAriaLabel: 'Module JSON now',
              fontSize: 12.5,
            }}
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
