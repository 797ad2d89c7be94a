import { useSession } from './session/session-store';

/** Whether the open document takes edits: not a read-only shared link, not locked by the worker. */
export function useEditable(): boolean {
  return useSession((s) => !s.readOnly && s.lockedReason === undefined);
}
