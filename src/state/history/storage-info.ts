/** How much this page stores and whether the browser may evict it (navigator.storage). */
export interface StorageInfo {
  usage: number;
  quota: number;
  persisted: boolean;
}

interface StorageManagerLike {
  estimate?: () => Promise<{ usage?: number; quota?: number }>;
  persisted?: () => Promise<boolean>;
  persist?: () => Promise<boolean>;
}

function manager(): StorageManagerLike | undefined {
  return (globalThis.navigator as { storage?: StorageManagerLike } | undefined)?.storage;
}

export async function storageInfo(): Promise<StorageInfo | undefined> {
  const m = manager();
  if (!m?.estimate) return undefined;
  const { usage = 0, quota = 0 } = await m.estimate();
  return { usage, quota, persisted: (await m.persisted?.()) ?? false };
}

/** Asks the browser to keep this page's storage under pressure; true when it agreed. */
export async function requestPersistence(): Promise<boolean> {
  return (await manager()?.persist?.()) ?? false;
}
