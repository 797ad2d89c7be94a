/** Bytes to one side of a comparison: decoded by their bytes (any layer stack), then analysed. */
import { decodeBytes, type DecodeOptions } from '../../engine/pipeline/decode';
import { analyzeProgram } from '../formats/analyze';
import type { CompareSide } from './compare';

export async function loadSide(bytes: Uint8Array, label: string, options: DecodeOptions = {}): Promise<CompareSide> {
  const doc = await decodeBytes(bytes, { name: label, ...options });
  return {
    value: doc.value,
    program: analyzeProgram(doc.value, { name: label, recipe: doc.recipe }),
    label,
    recipe: doc.recipe.map((s) => s.layer).join(' → '),
  };
}
