/**
 * A recipe is what a file was made of, outermost layer first, e.g.
 * [{layer:'gzip', options:{mtime:0, os:3}}, {layer:'json', options:{style}}]. Decoding records it;
 * encoding replays it backwards, so an export can match the input or follow any other recipe.
 */
import type { StepOptions } from './layer.ts';
import type { JsonStyle } from '../json-text/json-style.ts';
import { DEFAULT_JSON_STYLE } from '../json-text/json-style.ts';

export interface RecipeStep {
  layer: string;
  options: StepOptions;
}

export type Recipe = RecipeStep[];

export type SyntaxId = 'json' | 'yaml' | 'msgpack' | (string & {});
export type CompressionId = 'gzip' | 'zlib' | 'deflate-raw' | 'none';

export interface RecipeSpec {
  syntax: SyntaxId;
  compression?: CompressionId;
  /** Deflate level 0..9; absent means the usual default. */
  level?: number;
  /** JSON indent width in spaces (0: one line). */
  indent?: number;
  jsonStyle?: Partial<JsonStyle>;
}

export function recipeFor(spec: RecipeSpec): Recipe {
  const recipe: Recipe = [];
  if (spec.compression && spec.compression !== 'none') {
    const options: StepOptions = {};
    if (spec.level !== undefined) options.level = spec.level;
    if (spec.compression === 'gzip') options.mtime = 0;
    recipe.push({ layer: spec.compression, options });
  }
  const options: StepOptions = {};
  if (spec.syntax === 'json') {
    const style: JsonStyle = { ...DEFAULT_JSON_STYLE, ...spec.jsonStyle };
    if (spec.indent !== undefined) {
      style.indent = ' '.repeat(spec.indent);
      if (spec.indent === 0) style.keySeparator = ':';
    }
    options.style = style;
  }
  recipe.push({ layer: spec.syntax, options });
  return recipe;
}

/** The syntax step of a recipe (always the last one). */
export function syntaxStep(recipe: Recipe): RecipeStep | undefined {
  return recipe[recipe.length - 1];
}

/** Replaces the syntax and/or compression of a recipe, keeping what still applies. */
export function withChanges(recipe: Recipe, change: { syntax?: SyntaxId; compression?: CompressionId; level?: number; indent?: number }): Recipe {
  const syntax = syntaxStep(recipe);
  const outer = recipe.slice(0, -1);
  let steps: Recipe = outer.map((s) => ({ layer: s.layer, options: { ...s.options } }));
  if (change.compression !== undefined) {
    const kept = steps.filter((s) => s.layer !== 'gzip' && s.layer !== 'zlib' && s.layer !== 'deflate-raw');
    const existing = steps.find((s) => s.layer === change.compression);
    steps =
      change.compression === 'none' ? kept : [...kept, existing ?? { layer: change.compression, options: change.compression === 'gzip' ? { mtime: 0 } : {} }];
  }
  if (change.level !== undefined) {
    for (const s of steps) if (s.layer === 'gzip' || s.layer === 'zlib' || s.layer === 'deflate-raw') s.options.level = change.level;
  }
  let last: RecipeStep;
  if (change.syntax !== undefined && change.syntax !== syntax?.layer) {
    last = recipeFor({ syntax: change.syntax, indent: change.indent })[0] as RecipeStep;
  } else {
    last = { layer: syntax?.layer ?? 'json', options: { ...syntax?.options } };
    if (change.indent !== undefined && last.layer === 'json') {
      const style = { ...DEFAULT_JSON_STYLE, ...(last.options.style as Partial<JsonStyle> | undefined) };
      style.indent = ' '.repeat(change.indent);
      style.keySeparator = change.indent === 0 ? ':' : ': ';
      last.options.style = style;
    }
  }
  return [...steps, last];
}

/** "gzip → json" for people. */
export function describeRecipe(recipe: Recipe): string {
  return recipe.map((s) => s.layer).join(' → ');
}
