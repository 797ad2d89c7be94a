/** One object store, string keys with a prefix per kind, so a document's entries are one key range. */
export const DB_NAME = 'program-studio-history';
export const STORE_NAME = 'history';

export const docKey = (id: string) => `doc/${id}`;
export const originalKey = (id: string) => `orig/${id}`;
export const entryPrefix = (docId: string) => `entry/${docId}/`;
export const entryKey = (docId: string, id: string) => `${entryPrefix(docId)}${id}`;
export const draftPrefix = (docId: string) => `draft/${docId}/`;
export const draftKey = (docId: string, moduleId: string) => `${draftPrefix(docId)}${encodeURIComponent(moduleId)}`;
export const sessionKey = (tab: string) => `session/${tab}`;

/** Every key starting with `prefix` (keys are ASCII). */
export function prefixRange(prefix: string): IDBKeyRange {
  return IDBKeyRange.bound(prefix, `${prefix}\uffff`);
}
