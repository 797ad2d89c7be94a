/**
 * The one path by which the open document changes: `commit(kind, change)`. It sends the change to
 * the document worker, and only once the worker has applied it: updates the session, pushes (or
 * moves) the undo step, appends the history entry with that very kind, and tells selection and the
 * series view. A failed change leaves document, undo and history as they were and answers the error.
 * Changes run one at a time, in the order asked, so undo always takes back the last one applied.
 */
import { toErrorInfo, type ErrorInfo } from '../../core/engine/errors';
import type { HistoryEntry } from '../../core/program/history/history-types';
import { undoStacks } from '../../core/program/history/undo-stacks';
import type { Edit, Program } from '../../core/program/model/program';
import { useCompareStore } from '../compare-store';
import { useDraftsStore } from '../drafts-store';
import { useHistoryStore } from '../history-store';
import { usePromptViewStore } from '../prompt-view-store';
import { useSelectionStore } from '../selection-store';
import { useSeriesStore } from '../series-store';
import { useWeightsStore } from '../weights-store';
import type { EditRequest } from '../../worker/protocol';
import type { ChangeKind, ChangeOf, CommitResult, ResultOf, UndoStep } from './changes';
import { useSession } from './session-store';

const READ_ONLY_MESSAGE = 'This shared program is read-only. Click "Open as my copy" to edit it.';

let queue: Promise<unknown> = Promise.resolve();

export function commit<K extends ChangeKind>(kind: K, change: ChangeOf[K]): Promise<CommitResult<K>> {
  const run = queue.then(() => apply(kind, change));
  queue = run.catch(() => undefined);
  return run;
}

function fail(error: ErrorInfo): { ok: false; error: ErrorInfo } {
  return { ok: false, error };
}

async function apply<K extends ChangeKind>(kind: K, change: ChangeOf[K]): Promise<CommitResult<K>> {
  if (kind === 'open') return open(change as ChangeOf['open']) as CommitResult<K>;
  const session = useSession.getState();
  const client = session.client;
  if (!client) return fail({ code: 'invalid', layer: kind, message: 'No document is open.' });
  if (kind !== 'export' && session.readOnly) return fail({ code: 'invalid', layer: 'share', message: READ_ONLY_MESSAGE });
  useSession.setState({ busy: true });
  try {
    return (await change_(kind as Exclude<ChangeKind, 'open'>, change as ChangeOf[Exclude<ChangeKind, 'open'>], client)) as CommitResult<K>;
  } catch (e) {
    return fail(toErrorInfo(e, kind === 'migration' ? 'migration' : kind === 'import' ? 'import' : kind === 'export' ? 'export' : 'edit'));
  } finally {
    useSession.setState({ busy: false });
  }
}

type Client = NonNullable<ReturnType<typeof useSession.getState>['client']>;

async function change_(kind: Exclude<ChangeKind, 'open'>, change: ChangeOf[Exclude<ChangeKind, 'open'>], client: Client): Promise<CommitResult<ChangeKind>> {
  switch (kind) {
    case 'edit': {
      const asked = change as ChangeOf['edit'];
      const { program, edit } = 'take' in asked ? await client.call('compareTake', { take: asked.take }) : await client.call('edit', { edit: asked.request });
      changed(program, { kind, edit });
      return { ok: true, edit } satisfies CommitResult<'edit'>;
    }
    case 'migration': {
      const { target, tryAnyway, answers } = change as ChangeOf['migration'];
      const { program, edit, notes } = await client.call('migrate', {
        ...(target !== undefined ? { target } : {}),
        tryAnyway: tryAnyway === true,
        ...(answers ? { answers } : {}),
      });
      changed(program, { kind, edit });
      return { ok: true, edit, notes } satisfies CommitResult<'migration'>;
    }
    case 'import': {
      const { bytes, name, asName, replace } = change as ChangeOf['import'];
      const { program, edit } = await client.call(
        'importModule',
        { bytes, name, ...(asName !== undefined ? { asName } : {}), ...(replace ? { replace } : {}) },
        { transfer: [bytes] },
      );
      changed(program, { kind, edit });
      return { ok: true, edit } satisfies CommitResult<'import'>;
    }
    case 'restore': {
      const { ops, label } = change as ChangeOf['restore'];
      const { program, edit } = await client.call('restore', { ops, label });
      if (edit.ops.length === 0) return { ok: true } satisfies CommitResult<'restore'>;
      changed(program, { kind, edit });
      return { ok: true, edit } satisfies CommitResult<'restore'>;
    }
    case 'undo': {
      const step = useSession.getState().past.at(-1);
      if (!step) return { ok: true } satisfies CommitResult<'undo'>;
      const { program } = await client.call('applyOps', { ops: step.edit.inverse });
      const { past, future } = useSession.getState();
      useSession.setState({ past: past.slice(0, -1), future: [step, ...future] });
      changed(program, undefined, step.kind === 'migration');
      useHistoryStore.getState().append('undo', `Undo: ${step.edit.label}`, step.edit.inverse);
      return { ok: true, edit: step.edit } satisfies CommitResult<'undo'>;
    }
    case 'redo': {
      const step = useSession.getState().future[0];
      if (!step) return { ok: true } satisfies CommitResult<'redo'>;
      const { program } = await client.call('applyOps', { ops: step.edit.ops });
      const { past, future } = useSession.getState();
      useSession.setState({ past: [...past, step], future: future.slice(1) });
      changed(program, undefined, step.kind === 'migration');
      useHistoryStore.getState().append('redo', `Redo: ${step.edit.label}`, step.edit.ops);
      return { ok: true, edit: step.edit } satisfies CommitResult<'redo'>;
    }
    case 'export': {
      const { options, encryption, module } = change as ChangeOf['export'];
      const result: ResultOf['export'] = module
        ? await client.call('exportModule', {
            moduleId: module.moduleId,
            options,
            ...(module.shape ? { shape: module.shape } : {}),
            ...(encryption ? { encryption } : {}),
          })
        : await client.call('export', { options, ...(encryption ? { encryption } : {}) });
      // A marker at the current version: the document did not change.
      useHistoryStore.getState().append('export', module ? `Exported module ${module.moduleId} as ${result.fileName}` : `Exported as ${result.fileName}`, []);
      return { ok: true, ...result } satisfies CommitResult<'export'>;
    }
  }
}

/** After the worker applied a change: the session shows it, undo gets the step, the history its entry. */
function changed(program: Program, step: UndoStep | undefined, migrated = false): void {
  const { revision, past } = useSession.getState();
  const undoable = step && step.edit.ops.length > 0;
  useSession.setState({
    program,
    revision: revision + 1,
    ...(undoable ? { past: [...past, step], future: [] } : {}),
  });
  if (undoable) useHistoryStore.getState().append(step.kind, step.edit.label, step.edit.ops);
  useSelectionStore.getState().programChanged(program, migrated || step?.kind === 'migration');
  useCompareStore.getState().documentChanged();
}

/** A document its worker opened replaces the one shown: new undo history, selection, series view, history line. */
function open({ client, opened, readOnly, ignoredFiles, resume, fromCheckpoint }: ChangeOf['open']): CommitResult<'open'> {
  const previous = useSession.getState();
  // The document left behind may still be storing its original in the history (that waits for the first
  // paint): its worker goes once the line it started is settled, so a quick second open loses nothing.
  const retired = previous.client !== client ? previous.client : undefined;
  if (retired)
    void useHistoryStore
      .getState()
      .lineSettled()
      .finally(() => retired.terminate());
  const generation = previous.generation + 1;
  // Selection first: whatever watches the session (the URL's deep link) then refines it, not the other way round.
  useSelectionStore.getState().documentOpened(opened.program);
  useSession.setState({
    client,
    summary: opened.summary,
    program: opened.program,
    companions: opened.companions,
    checksum: opened.checksum,
    lockedReason: opened.locked,
    sha256: opened.sha256,
    encryption: opened.encryption,
    ignoredFiles: ignoredFiles ?? [],
    readOnly: readOnly ?? false,
    revision: previous.revision + 1,
    generation,
    past: [],
    future: [],
    error: undefined,
  });
  useDraftsStore.getState().documentOpened();
  useSeriesStore.getState().documentOpened(fromCheckpoint);
  // A document shown (the sample, a recent file, a link) takes the page back from the weights view.
  useWeightsStore.getState().close();
  useCompareStore.getState().documentOpened();
  usePromptViewStore.getState().documentOpened();
  // A shared link shown read-only is not this user's document until "Open as my copy" (see openAsCopy).
  if (readOnly) useHistoryStore.getState().ended();
  else useHistoryStore.getState().opened(client, opened.summary, resume);
  return { ok: true, generation };
}

/** Makes a shared, read-only program the user's own: editable, and its history starts now. */
export function openAsCopy(): void {
  const { client, summary, readOnly } = useSession.getState();
  if (!readOnly) return;
  useSession.setState({ readOnly: false });
  if (client && summary) useHistoryStore.getState().opened(client, summary);
}

/**
 * Brings a document just reopened from its history to the version its line ends at, with the undo
 * and redo stacks that line leaves (core/program/history/undo-stacks): Undo right after a restored
 * session takes back the last change made before it. Not a change: the line already holds these
 * ops, so nothing is recorded.
 */
export async function replay(line: readonly HistoryEntry[]): Promise<ErrorInfo | undefined> {
  const client = useSession.getState().client;
  const changes = line.filter((e) => e.kind !== 'open' && e.kind !== 'export' && e.ops.length > 0);
  if (!client || changes.length === 0) return undefined;
  try {
    const { program, inverses } = await client.call('applyEach', { changes: changes.map((e) => e.ops) });
    const { past, future } = undoStacks(changes, (entry, index): UndoStep => ({
      kind: entry.kind as UndoStep['kind'],
      edit: { ops: entry.ops, inverse: inverses[index] ?? [], label: entry.label },
    }));
    useSession.setState({ program, revision: useSession.getState().revision + 1, past, future });
    useSelectionStore.getState().programChanged(program, false);
    useCompareStore.getState().documentChanged();
    return undefined;
  } catch (e) {
    return toErrorInfo(e, 'history');
  }
}

// ---- what the forms and buttons call ----

/** An edit whose failure shows in the banner; resolves to its record, or undefined. */
export async function perform(request: EditRequest): Promise<Edit | undefined> {
  const result = await commit('edit', { request });
  if (!result.ok) {
    useSession.getState().showError(result.error);
    return undefined;
  }
  useSession.getState().dismissError();
  return result.edit;
}

/** An edit whose failure comes back to the caller (shown where the user typed), not in the banner. */
export async function attempt(request: EditRequest): Promise<{ edit: Edit } | { error: ErrorInfo }> {
  const result = await commit('edit', { request });
  if (!result.ok) return { error: result.error };
  useSession.getState().dismissError();
  return { edit: result.edit };
}

export async function undo(): Promise<void> {
  const result = await commit('undo', {});
  if (!result.ok) useSession.getState().showError(result.error);
}

export async function redo(): Promise<void> {
  const result = await commit('redo', {});
  if (!result.ok) useSession.getState().showError(result.error);
}
