/**
 * One TorchFile per file's bytes: the pickle layer opens it while decoding, and the tensor table,
 * previews and disassembly of the same bytes reuse it instead of unpickling data.pkl a second time.
 * Keyed weakly by the bytes, so it goes when the document's bytes go.
 */
import { bytesSource } from './byte-source.ts';
import { openTorchFile, type OpenTorchOptions, type TorchFile } from './torch-file.ts';

const opened = new WeakMap<Uint8Array, TorchFile>();

export function torchFileOf(bytes: Uint8Array, options: OpenTorchOptions = {}): TorchFile {
  let file = opened.get(bytes);
  if (!file) {
    file = openTorchFile(bytesSource(bytes), options);
    opened.set(bytes, file);
  }
  return file;
}

/** The TorchFile already opened for these bytes, if any (without opening one). */
export function openedTorchFile(bytes: Uint8Array): TorchFile | undefined {
  return opened.get(bytes);
}
