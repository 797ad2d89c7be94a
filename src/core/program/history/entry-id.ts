/**
 * Entry ids sort by time as plain strings (IndexedDB key order), and stay unique across tabs and
 * within one millisecond: time in base 36 (fixed width), the tab's id, a counter.
 */
export function entryId(time: number, tab: string, counter: number): string {
  return `${Math.max(0, Math.floor(time)).toString(36).padStart(10, '0')}-${tab}-${counter.toString(36).padStart(4, '0')}`;
}

/** A short random id for a tab, from WebCrypto where present. */
export function newTabId(random: () => number = Math.random): string {
  let out = '';
  for (let i = 0; i < 8; i++) out += Math.floor(random() * 36).toString(36);
  return out;
}
