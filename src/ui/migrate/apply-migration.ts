/**
 * Applying a migration from the page: one `migration` change of the session (one undo step, one
 * history entry named as a migration). Resolves to the message to show when it was refused.
 */
import { commit } from '../../state/session/commit';

export async function applyMigration(target: string | undefined, tryAnyway: boolean): Promise<string | undefined> {
  const result = await commit('migration', { ...(target !== undefined ? { target } : {}), tryAnyway });
  return result.ok ? undefined : result.error.message;
}
