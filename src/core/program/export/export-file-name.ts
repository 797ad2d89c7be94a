/** File names of exports, kept apart from the layers so the page can name a file without loading them. */
import type { Recipe } from '../../engine/layers/recipe.ts';
import { fileExtensionFor } from '../../engine/layers/registry.ts';

const KNOWN_SUFFIXES = ['.gz', '.gzip', '.zz', '.zlib', '.deflate', '.enc', '.psenc', '.json', '.yaml', '.yml', '.msgpack', '.mpk', '.pkl', '.pickle'];

/** "program.json.gz" → "program": every layer suffix comes off, whatever order it was in. */
export function baseNameOf(name: string): string {
  let rest = name.replace(/^.*[\\/]/, '');
  for (;;) {
    const lower = rest.toLowerCase();
    const suffix = KNOWN_SUFFIXES.find((s) => lower.endsWith(s) && lower.length > s.length);
    if (!suffix) return rest || 'program';
    rest = rest.slice(0, -suffix.length);
  }
}

function sameLayers(a: Recipe, b: Recipe): boolean {
  return a.length === b.length && a.every((step, i) => step.layer === b[i]?.layer);
}

/**
 * The opened name with the suffixes the new recipe calls for: "program.json" + gzip → "program.json.gz".
 * Written with the layers it was opened with (`opened`), a file keeps the name it came with: a zlib
 * stream named "program.json.gz" stays so, its suffixes were its owner's choice.
 */
export function exportFileName(name: string | undefined, recipe: Recipe, opened?: Recipe): string {
  const asOpened = name?.replace(/^.*[\\/]/, '');
  if (asOpened && opened && sameLayers(recipe, opened)) return asOpened;
  return baseNameOf(name ?? 'program') + fileExtensionFor(recipe);
}

/** A module id as a file's base name: "generate_answer.predict", "gen_0_" for "gen[0]". */
export function moduleFileBaseName(moduleId: string): string {
  return moduleId.replace(/[^A-Za-z0-9._-]+/g, '_') || 'module';
}
