/**
 * The name a shared program travels under. A link carries the program as JSON text, so a
 * `program.json.gz` or `state.pkl` is renamed `program.json` / `state.json`: the name is only a hint,
 * but a true one reads better on the other side.
 */
import type { Recipe } from '../../core/engine/layers/recipe';

const KNOWN = /\.(json|ya?ml|msgpack|mpk|gz|gzip|zz|zlib|deflate|zraw|pkl|pickle|pt|pth|bin|enc|psenc)$/i;

export function shareFileName(name: string, recipe: Recipe): string {
  if (recipe.length === 1 && recipe[0]?.layer === 'json') return name;
  let base = name;
  while (KNOWN.test(base)) base = base.replace(KNOWN, '');
  return `${base || 'program'}.json`;
}
