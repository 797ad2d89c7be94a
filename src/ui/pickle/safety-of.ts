/**
 * The pickle step of a recipe, read for the views: its safety report (carried in the step's options
 * by the pickle layer) and the facts the header names. Only reads; the worker made the report.
 */
import type { Recipe, RecipeStep } from '../../core/engine/layers/recipe';
import type { PickleSafety } from '../../worker/protocol';

export function pickleStep(recipe: Recipe | undefined): RecipeStep | undefined {
  return recipe?.find((s) => s.layer === 'pickle');
}

function isSafety(v: unknown): v is PickleSafety {
  const s = v as Partial<PickleSafety> | null;
  return typeof s === 'object' && s !== null && typeof s.verdict === 'string' && Array.isArray(s.globals) && Array.isArray(s.calls);
}

export function safetyOf(recipe: Recipe | undefined): PickleSafety | undefined {
  const safety = pickleStep(recipe)?.options.safety;
  return isSafety(safety) ? safety : undefined;
}

/** "PyTorch zip (archive/)", "pickle protocol 4": what the file was, in a few words. */
export function containerLabel(step: RecipeStep): string {
  const o = step.options;
  if (o.container === 'torch-zip')
    return `PyTorch zip save${typeof o.entry === 'string' ? ` (${o.entry})` : typeof o.prefix === 'string' ? ` (${o.prefix}/)` : ''}`;
  if (o.container === 'npy-object') return 'NumPy .npy of object dtype (a pickle)';
  if (o.container === 'npz-object') return 'NumPy .npz with object arrays (pickles)';
  if (o.container === 'torch-legacy') return 'PyTorch legacy save (stacked pickles)';
  return typeof o.protocol === 'number' ? `Python pickle, protocol ${o.protocol}` : 'Python pickle';
}

/** Tensors the torch reader listed, when the file is a torch save. */
export function tensorCount(recipe: Recipe | undefined): number {
  const n = pickleStep(recipe)?.options.tensors;
  return typeof n === 'number' ? n : 0;
}
