/**
 * Applying a migration from the page: one `migration` change of the session (one undo step, one
 * history entry named as a migration). Resolves to the message to show when it was refused.
 */
import type { MigrationAnswers } from '../../core/program/model/migration';
import { commit } from '../../state/session/commit';

export async function applyMigration(target: string | undefined, tryAnyway: boolean, answers: MigrationAnswers = {}): Promise<string | undefined> {
  const result = await commit('migration', { ...(target !== undefined ? { target } : {}), tryAnyway, answers });
  return result.ok ? undefined : result.error.message;
}
