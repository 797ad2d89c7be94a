/**
 * Applying a migration from the page: the worker applies it as one edit, the document shows the new
 * program, and the edit becomes one undo step. A predictor renamed by the migration (a CoT `X` that
 * became `X.predict`) stays selected under its new name.
 */
import { toErrorInfo } from '../../core/engine/errors';
import { useDocumentStore } from '../../state/document-store';
import { useSelectionStore } from '../../state/selection-store';
import { useUndoStore } from '../../state/undo-store';

export async function applyMigration(target: string | undefined, tryAnyway: boolean): Promise<string | undefined> {
  const client = useDocumentStore.getState().client;
  if (!client) return 'No document is open.';
  const selected = useSelectionStore.getState().moduleId;
  try {
    const { program, edit } = await client.call('migrate', { ...(target !== undefined ? { target } : {}), tryAnyway });
    useDocumentStore.setState((s) => ({ program, revision: s.revision + 1, error: undefined }));
    useUndoStore.getState().record(edit);
    if (selected !== undefined && !program.modules.some((m) => m.id === selected)) {
      const renamed = selected === 'self' ? 'predict' : `${selected}.predict`;
      if (program.modules.some((m) => m.id === renamed)) useSelectionStore.getState().selectModule(renamed);
    }
    return undefined;
  } catch (e) {
    return toErrorInfo(e, 'migration').message;
  }
}
