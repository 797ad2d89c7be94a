/**
 * The one way the page hands a file to the browser's downloads. The object URL is revoked a while
 * after the click, not at once: the browser starts the download asynchronously, and revoking the
 * URL first can cancel it.
 */
const REVOKE_AFTER_MS = 10_000;

/** A Blob (say, one made of slices of a File) is handed over as it is, never read into memory first. */
export function download(data: Uint8Array | string | Blob, name: string, type = 'application/octet-stream'): void {
  const url = URL.createObjectURL(data instanceof Blob ? data : new Blob([data as BlobPart], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  // In the document while clicked: some browsers ignore a click on a detached link.
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
