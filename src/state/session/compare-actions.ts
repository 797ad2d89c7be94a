/** Taking instructions or a demo from the program compared with: an `edit` change of the session, one undo step. */
import type { TakeRequest } from '../../core/program/compare/take';
import { useCompareStore } from '../compare-store';
import { commit } from './commit';

export async function takeAcross(take: TakeRequest): Promise<void> {
  const result = await commit('edit', { take });
  // Shown in the comparison, where the user asked for it.
  if (!result.ok) useCompareStore.getState().showError(result.error);
}
