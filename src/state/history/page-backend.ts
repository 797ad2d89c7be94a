/**
 * The one history backend of the page: IndexedDB, sealing what belongs to an encrypted document.
 * Where there is no IndexedDB (Node, for the unit tests of the session) the history lives in memory.
 * The history store and the drafts store both keep their records here.
 */
import { historyKeyOf, isEncrypted } from '../key-store';
import { IdbBackend } from './idb-backend';
import { MemoryBackend } from './memory-backend';
import { SealingBackend } from './sealing-backend';

export const pageBackend = new SealingBackend(typeof indexedDB === 'undefined' ? new MemoryBackend() : new IdbBackend(), { isEncrypted, keyOf: historyKeyOf });
