/**
 * The recipe as it may be stored: layer names and their options, with anything that could be key
 * material dropped. Recipes should never hold credentials; this makes sure history never does.
 */
import type { Recipe } from '../../engine/layers/recipe';

const SECRET = /key|passphrase|password|secret|credential|token/i;

function clean(v: unknown, depth: number): unknown {
  if (depth > 6) return undefined;
  if (v instanceof Uint8Array) return undefined; // raw bytes in options are never needed to describe a recipe
  if (Array.isArray(v)) return v.map((x) => clean(x, depth + 1));
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (!SECRET.test(k)) out[k] = clean(x, depth + 1);
    return out;
  }
  return typeof v === 'function' || typeof v === 'symbol' ? undefined : v;
}

export function safeRecipe(recipe: Recipe): Recipe {
  return recipe.map((step) => ({ layer: step.layer, options: clean(step.options, 0) as Recipe[number]['options'] }));
}
