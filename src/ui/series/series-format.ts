/** How series numbers read on the page: short, without float noise. */
export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return n.toLocaleString('en-US');
  return String(Number(n.toPrecision(4)));
}

/** "v2 · epoch_1": a checkpoint's short label. */
export function checkpointLabel(cp: { order: number; tag?: string; name: string }, index: number): string {
  return `#${index + 1} ${cp.tag ?? cp.name}`;
}

/** "25 Nov 2025, 12:43": when a checkpoint file was last changed, in the reader's time zone. */
export function formatTime(ms: number): string {
  return new Date(ms).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}
