import { useDocumentStore } from './document-store';

/** Whether the open document takes edits: not a read-only shared link, not locked by the worker. */
export function useEditable(): boolean {
  return useDocumentStore((s) => !s.readOnly && s.lockedReason === undefined);
}
