/**
 * Handing a file to the user: written in place through a File System Access handle where the
 * browser has one, saved through its save picker where it has that, downloaded everywhere else.
 */
import type { SaveHandle } from '../../state/export-store';

export { download } from '../download';

type SavePicker = (options: { suggestedName: string }) => Promise<SaveHandle>;

export function canPickSaveFile(): boolean {
  return typeof (window as unknown as { showSaveFilePicker?: unknown }).showSaveFilePicker === 'function';
}

export async function writeToHandle(handle: SaveHandle, bytes: Uint8Array | Blob): Promise<void> {
  const writable = await handle.createWritable();
  // A Blob is written as it is read: one made of File slices streams from the original file to the new one.
  await writable.write(bytes instanceof Blob ? bytes : new Blob([bytes as BlobPart]));
  await writable.close();
}

/** Asks where to save (File System Access API) and writes there; undefined when the user cancelled. */
export async function saveWithPicker(bytes: Uint8Array | Blob, name: string): Promise<SaveHandle | undefined> {
  const picker = (window as unknown as { showSaveFilePicker: SavePicker }).showSaveFilePicker;
  try {
    const handle = await picker({ suggestedName: name });
    await writeToHandle(handle, bytes);
    return handle;
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') return undefined;
    throw e;
  }
}
