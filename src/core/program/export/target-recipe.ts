/**
 * The recipe an export writes: the file's own recipe, changed only where the user chose otherwise.
 * JSON keeps the style it was written in; JSON made from another syntax is written the way the
 * program's kind writes it (DSPy: its version's ujson or orjson), or pretty/compact.
 */
import { DEFAULT_JSON_STYLE, type JsonStyle } from '../../engine/json-text/json-style.ts';
import { kindOf } from '../formats/analyze.ts';
import { defaultRegistry, type LayerRegistry } from '../../engine/layers/registry.ts';
import { withChanges, type Recipe, type RecipeStep } from '../../engine/layers/recipe.ts';
import type { Program } from '../model/program.ts';
import type { ExportJsonStyle, ExportOptions } from './export-options.ts';

export const COMPACT_JSON_STYLE: JsonStyle = { ...DEFAULT_JSON_STYLE, indent: '', keySeparator: ':', itemSeparator: ',', trailingNewline: false };

function styleFor(choice: ExportJsonStyle, kept: JsonStyle | undefined, program: Program | undefined, indent?: number): JsonStyle {
  // Number spellings (1.0, 1e-05) belong to the value, not the layout: they carry over to any layout.
  const numbers = kept ? { ...(kept.numbers ? { numbers: kept.numbers } : {}), ...(kept.numbersDeferred ? { numbersDeferred: true } : {}) } : {};
  if (choice === 'pretty') return { ...DEFAULT_JSON_STYLE, indent: ' '.repeat(indent ?? 2), ...numbers };
  if (choice === 'compact') return { ...COMPACT_JSON_STYLE, ...numbers };
  if (kept) return kept;
  // JSON made from another syntax is written the way the program's own kind writes it (DSPy: its version's writer).
  return (program ? kindOf(program).jsonStyle?.(program) : undefined) ?? { ...DEFAULT_JSON_STYLE };
}

function isEncryption(step: RecipeStep, registry: LayerRegistry): boolean {
  return registry.get(step.layer)?.kind === 'encryption';
}

export interface PlannedRecipe {
  recipe: Recipe;
  /** The source's JSON style still applies (same syntax, style "file"): its text can be patched. */
  keepsText: boolean;
  warnings: string[];
}

export function planRecipe(source: Recipe, options: ExportOptions, program?: Program, registry: LayerRegistry = defaultRegistry): PlannedRecipe {
  const warnings: string[] = [];
  // Encryption is never carried over silently: it needs a key, which only the encryption hook brings.
  const plain = source.filter((s) => !isEncryption(s, registry));
  if (plain.length !== source.length && !options.encryption) {
    warnings.push('The file was encrypted; this export is not (choose encryption to write it encrypted).');
  }
  const sourceSyntax = source[source.length - 1]?.layer;
  const change: Parameters<typeof withChanges>[1] = {};
  if (options.syntax !== undefined) change.syntax = options.syntax;
  if (options.compression !== undefined) change.compression = options.compression;
  if (options.level !== undefined) change.level = options.level;
  let recipe = withChanges(plain, change);
  const last = recipe[recipe.length - 1] as RecipeStep;
  const sameSyntax = last.layer === sourceSyntax;
  const choice = options.indent === 0 ? 'compact' : options.indent !== undefined ? 'pretty' : (options.jsonStyle ?? 'file');
  let keepsText = sameSyntax && choice === 'file';
  if (last.layer === 'json') {
    const kept = sameSyntax ? (last.options.style as JsonStyle | undefined) : undefined;
    const style = styleFor(choice, kept, program, options.indent);
    if (!kept || choice !== 'file') {
      const { bom: _bom, ...rest } = last.options;
      recipe = [...recipe.slice(0, -1), { layer: 'json', options: { ...rest, style } }];
      keepsText = false;
    }
  }
  if (last.layer === 'yaml' && !sameSyntax) {
    // A "---" start marks the text as YAML by its bytes; without it, a mapping with odd keys reads as no format at all.
    recipe = [...recipe.slice(0, -1), { layer: 'yaml', options: { ...last.options, documentStart: true } }];
  }
  if (options.encryption) {
    recipe = [{ layer: options.encryption.layer, options: { ...options.encryption.options } }, ...recipe];
  }
  return { recipe, keepsText, warnings };
}
