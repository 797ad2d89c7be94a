import { lazy, Suspense, useEffect, useState } from 'react';
import { useEditable } from '../../state/editable';
import { attempt } from '../../state/session/commit';
import { useWorkerQuery } from '../../state/session/use-worker-query';
import type { LeftOut } from '../../core/program/model/module-view';
import { promptModules } from '../../core/program/prompt/render-module';
import { useDemoLinkStore } from '../../state/demo-link-store';
import { PromptPane } from '../prompt/prompt-pane';
import { useSession } from '../../state/session/session-store';
import { useDraftsStore } from '../../state/drafts-store';
import './drafts.css';
import { afterPaint } from '../../state/idle';

const ModuleJsonEditor = lazy(() => import('../editor/module-json-editor'));
const JsonView = lazy(() => import('../editor/json-view'));

/** Characters of whole-file text the page accepts; larger files are viewed a module at a time. */
const MAX_FILE_VIEW_CHARS = 5_000_000;

type Tab = 'module' | 'changes' | 'file' | 'prompt';

const TAB_LABELS: Record<Tab, string> = { module: 'Module JSON', changes: 'Changes', file: 'Whole file', prompt: 'Prompt' };

function leftOutNote(leftOut: LeftOut | undefined): string | undefined {
  return leftOut && `"${leftOut.key}" (${leftOut.count.toLocaleString('en-US')} demos) is left out of this view to keep it fast; edit demos in the list.`;
}

/** The precise view: the selected module as editable JSON, its changes since opening, or the whole file. */
export function JsonPane({ moduleId }: { moduleId: string }) {
  const name = useSession((s) => s.summary?.name ?? 'document');
  const editable = useEditable();
  // Monaco is created in a task of its own once the module's text is here and a frame has painted
  // (the tree and the first demo card, whose answer the worker sends first): opening a file never
  // waits on the editor, and no single main-thread task holds both.
  const [deferred, setDeferred] = useState(true);
  const [tab, setTab] = useState<Tab>('module');
  const predictor = useSession((s) => (s.program ? promptModules(s.program).find((m) => m.id === moduleId) : undefined));
  // "Back to prompt" from a demo card opens this tab.
  const toPrompt = useDemoLinkStore((s) => s.toPrompt);
  useEffect(() => {
    if (toPrompt) setTab('prompt');
  }, [toPrompt]);
  const draft = useDraftsStore((s) => s.drafts[moduleId]);
  const draftProblem = useDraftsStore((s) => s.problem);
  const generation = useSession((s) => s.generation);
  const onDraft = (text: string | undefined, error?: string) => {
    // An editor closing because another document opened keeps nothing on that document.
    if (useSession.getState().generation !== generation) return;
    const drafts = useDraftsStore.getState();
    if (text === undefined) drafts.drop(moduleId);
    else drafts.keep(moduleId, text, error);
  };
  const moduleQuery = useWorkerQuery('module', { moduleId });
  const originalQuery = useWorkerQuery('originalModule', tab === 'changes' ? { moduleId } : undefined);
  const fileQuery = useWorkerQuery('text', tab === 'file' ? { pointer: '', maxChars: MAX_FILE_VIEW_CHARS } : undefined);
  const state = 'data' in moduleQuery ? moduleQuery.data : undefined;
  const hasText = state !== undefined;
  useEffect(() => (deferred && hasText ? afterPaint(() => setDeferred(false)) : undefined), [deferred, hasText]);
  const original = 'data' in originalQuery ? originalQuery.data : undefined;
  const file = 'data' in fileQuery ? fileQuery.data : undefined;
  const problem = [moduleQuery, tab === 'changes' ? originalQuery : undefined, tab === 'file' ? fileQuery : undefined].find((q) => q?.status === 'error');

  // A refused edit is shown in the editor's own status line, where the user typed it.
  const onApply = async (json: string): Promise<string | undefined> => {
    const leftOut = state?.module.id === moduleId ? state.leftOut : undefined;
    const result = await attempt({ kind: 'replace-module', moduleId, json, ...(leftOut ? { leftOut } : {}) });
    if ('edit' in result) return undefined;
    return result.error.path ? `${result.error.message} (at ${result.error.path})` : result.error.message;
  };

  const ready = !deferred && state && state.module.id === moduleId;
  return (
    <aside className="json-pane" aria-label="JSON">
      <div className="pane-title tabs" role="tablist" aria-label="JSON views">
        {(['module', 'changes', 'file', 'prompt'] as const).map((t) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t} className={tab === t ? 'tab active' : 'tab'} onClick={() => setTab(t)}>
            {TAB_LABELS[t]}
          </button>
        ))}
      </div>
      {problem?.status === 'error' ? (
        <div className="placeholder error" role="alert">
          {problem.error.message}
        </div>
      ) : null}
      <Suspense fallback={<div className="placeholder muted">Loading editor…</div>}>
        {tab === 'module' &&
          (ready ? (
            <ModuleJsonEditor
              key={`${generation}:${moduleId}`}
              moduleId={moduleId}
              json={state.json}
              schema={state.schema}
              onApply={onApply}
              readOnly={!editable}
              leftOutNote={leftOutNote(state.leftOut)}
              {...(draft ? { draft } : {})}
              onDraft={onDraft}
              {...(draftProblem ? { draftProblem } : {})}
            />
          ) : (
            <div className="placeholder muted">Loading…</div>
          ))}
        {tab === 'changes' &&
          (ready && original !== undefined ? (
            <ModuleJsonEditor key={`${moduleId}-diff`} moduleId={moduleId} json={state.json} original={original.json} onApply={onApply} />
          ) : (
            <div className="placeholder muted">Loading…</div>
          ))}
        {tab === 'file' &&
          (file === undefined ? (
            <div className="placeholder muted">Loading…</div>
          ) : 'tooLarge' in file ? (
            <div className="placeholder muted">
              The whole file is {file.tooLarge.toLocaleString('en-US')} characters: too large for one view. Use the module view.
            </div>
          ) : (
            <JsonView text={file.text} path={`file/${name}`} />
          ))}
      </Suspense>
      {tab === 'prompt' &&
        (predictor ? (
          <PromptPane key={moduleId} module={predictor} />
        ) : (
          <div className="placeholder muted">No prompt: this module is not a predictor with a signature.</div>
        ))}
    </aside>
  );
}
