/**
 * Large buffers move between the page and a worker instead of being copied: whoever builds a message
 * marks which buffers it gives away. Marking is explicit because a moved buffer is gone from the
 * sender; only the owner knows it no longer needs it.
 */
const marked = new WeakMap<object, Transferable[]>();

/** Marks `value` (a result or params object) so the kit moves `buffers` with it. */
export function transfer<T extends object>(value: T, buffers: ReadonlyArray<ArrayBufferLike | undefined>): T {
  const list: Transferable[] = [];
  for (const b of buffers) if (b instanceof ArrayBuffer && b.byteLength > 0 && !list.includes(b)) list.push(b);
  marked.set(value, list);
  return value;
}

/** The buffer behind a view, when the view covers all of it (a view onto part of a buffer is copied). */
export function ownBuffer(bytes: Uint8Array | undefined): ArrayBuffer | undefined {
  if (!bytes || !(bytes.buffer instanceof ArrayBuffer)) return undefined;
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : undefined;
}

export function transfersOf(value: unknown): Transferable[] {
  return value !== null && typeof value === 'object' ? (marked.get(value) ?? []) : [];
}
