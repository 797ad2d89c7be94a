/**
 * Web Locks: each tab holds a lock named after itself for as long as it lives, so another tab can
 * tell a session left by a closed or crashed tab (lock free) from one still open (lock held). A
 * per-document lock serialises read-modify-write of shared records (a document's record, names).
 * Where Web Locks are missing, the work runs unlocked and every other tab's session counts as left.
 */
const TAB_LOCK = 'program-studio-tab:';

interface Locks {
  request(name: string, cb: () => Promise<unknown>): Promise<unknown>;
  query(): Promise<{ held?: Array<{ name?: string }> }>;
}

function locks(): Locks | undefined {
  return (globalThis.navigator as { locks?: Locks } | undefined)?.locks;
}

/** Holds this tab's lock until the page goes away. */
export function holdTabLock(tab: string): Promise<void> {
  const l = locks();
  if (!l) return Promise.resolve();
  return new Promise((acquired) => {
    void l.request(TAB_LOCK + tab, () => {
      acquired();
      return new Promise(() => undefined); // never released: the browser frees it when the page dies
    });
  });
}

/** Tabs whose lock is held right now, or undefined when it cannot be known. */
export async function liveTabs(): Promise<Set<string> | undefined> {
  const l = locks();
  if (!l) return undefined;
  const { held = [] } = await l.query();
  return new Set(held.flatMap((h) => (h.name?.startsWith(TAB_LOCK) ? [h.name.slice(TAB_LOCK.length)] : [])));
}

export async function withLock<T>(name: string, run: () => Promise<T>): Promise<T> {
  const l = locks();
  if (!l) return run();
  let out: T | undefined;
  await l.request(`program-studio-history:${name}`, async () => {
    out = await run();
  });
  return out as T;
}
