/**
 * Where dropped or picked files go: weights (safetensors, GGUF, NumPy, a model folder holding them)
 * to the weights view, everything else to the document as before. Decided by each file's first
 * bytes, never by its name (see sniff-weights).
 */
import { useDocumentStore } from './document-store';
import { useSession } from './session/session-store';
import { holdsWeights } from './sniff-weights';
import { useWeightsStore } from './weights-store';

export async function openDropped(files: File[]): Promise<boolean> {
  const documents = useDocumentStore.getState();
  let sniffed = false;
  try {
    sniffed = await holdsWeights(files);
  } catch {
    // A file that cannot be read here is left to the document path, which says why in its banner.
  }
  if (sniffed) {
    const outcome = await useWeightsStore.getState().open(files);
    if (outcome.kind === 'opened') return true;
    if (outcome.kind === 'failed') {
      useSession.getState().showError({ ...outcome.error, fileName: files.length === 1 ? files[0]!.name : `${files.length} files` });
      return false;
    }
  }
  return documents.openFiles(files);
}
