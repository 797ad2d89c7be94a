/**
 * Whether dropped files hold weights, told by each file's first bytes (a few hundred per file),
 * never by its name: a shard renamed .json is still a shard, a program named .safetensors is not.
 */
import { sniffWeights, WEIGHTS_SNIFF_BYTES } from '../core/engine/weights/weights-file';

/** More files than this are not sniffed one by one: a dropped folder is capped at 500 files upstream. */
const MAX_SNIFFED = 500;

export async function holdsWeights(files: readonly Blob[]): Promise<boolean> {
  for (const file of files.slice(0, MAX_SNIFFED)) {
    const head = new Uint8Array(await file.slice(0, WEIGHTS_SNIFF_BYTES).arrayBuffer());
    if (sniffWeights(head, file.size)) return true;
  }
  return false;
}
