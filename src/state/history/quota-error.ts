/** Whether a storage failure means "the browser's storage for this site is full". */
export function isQuotaError(e: unknown): boolean {
  if (e === null || typeof e !== 'object') return false;
  const name = (e as { name?: unknown }).name;
  if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED') return true;
  if ((e as { code?: unknown }).code === 22) return true;
  // A transaction's abort carries the request's error inside it.
  const inner = (e as { error?: unknown; target?: { error?: unknown } }).error ?? (e as { target?: { error?: unknown } }).target?.error;
  return inner !== undefined && inner !== e && isQuotaError(inner);
}

export function storageMessage(e: unknown): string {
  if (isQuotaError(e)) return 'The browser’s storage for this page is full.';
  const message = e instanceof Error ? e.message : String(e);
  return `The browser refused to store the history (${message}).`;
}
