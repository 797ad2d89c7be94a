/**
 * The history's actions that change the open document: a restore is a `restore` change of the
 * session; reopening a stored document is an open (continuing its line) and a replay to its head.
 */
import { toErrorInfo } from '../../core/engine/errors';
import { useDocumentStore } from '../document-store';
import { useHistoryStore } from '../history-store';
import { commit, replay } from './commit';

/** Makes version `entryId` the current one, as a new version on top; later versions are kept. */
export async function restoreVersion(entryId: string): Promise<void> {
  const history = useHistoryStore.getState();
  const version = history.versionOf(entryId);
  if (!version) return;
  const result = await commit('restore', { ops: version.ops, label: version.label });
  if (!result.ok) history.setProblem(`Version ${version.index + 1} could not be restored: ${result.error.message}`);
  else if (!result.edit) history.setNotice(`The document already is version ${version.index + 1}.`);
  else history.setNotice(`Restored version ${version.index + 1} as a new version; later versions are kept.`);
}

/** Reopens a stored document (its original) at version `head`, or at its latest. */
export async function resumeDocument(docId: string, head?: string): Promise<boolean> {
  const history = useHistoryStore.getState();
  try {
    const stored = await history.loadResume(docId, head);
    if (!stored) return false;
    // An encrypted original asks for its key here (the key prompt), and resolves once it is entered.
    if (!(await useDocumentStore.getState().open({ kind: 'bytes', bytes: stored.bytes, name: stored.name }, { resume: { docId, head: stored.at } })))
      return false;
    const failed = await replay(await history.resumeLine(docId, stored.at, stored.sealed));
    if (failed) throw failed;
    history.setNotice(`Reopened ${stored.name} at version ${stored.index + 1}.`);
    return true;
  } catch (e) {
    history.setProblem(`The document could not be reopened: ${toErrorInfo(e, 'history').message}`);
    return false;
  }
}

/** Reopens what a closed or crashed tab had open. */
export async function acceptOffer(tab: string): Promise<void> {
  const offer = await useHistoryStore.getState().takeOffer(tab);
  if (offer) await resumeDocument(offer.docId, offer.head);
}
