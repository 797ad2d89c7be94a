/** One module out as its own file, through the same export path (recipe, redaction, check, checksum). */
import { analyzeProgram } from '../formats/analyze.ts';
import type { JsonStyle } from '../../engine/json-text/json-style.ts';
import type { Recipe } from '../../engine/layers/recipe.ts';
import type { ExportOptions, ExportResult, ExportSource } from './export-options.ts';
import { exportDocument } from './export-document.ts';
import { moduleFileValue, type ModuleFileShape } from './module-file.ts';

/** The program's recipe without what belongs to its own text (number lexemes by pointer, a BOM). */
function recipeForNewText(recipe: Recipe): Recipe {
  return recipe.map((s) => {
    if (s.layer !== 'json') return s;
    const { bom: _bom, ...options } = s.options;
    const style = options.style as JsonStyle | undefined;
    if (style?.numbers) {
      const { numbers: _numbers, ...rest } = style;
      options.style = rest;
    }
    return { layer: s.layer, options };
  });
}

export async function exportModule(
  source: Pick<ExportSource, 'value' | 'program' | 'recipe'>,
  moduleId: string,
  options: ExportOptions & { shape?: ModuleFileShape } = {},
): Promise<ExportResult> {
  const now = options.now ?? new Date().toISOString();
  const file = moduleFileValue(source.value, source.program, moduleId, options.shape, now);
  const program = analyzeProgram(file.value);
  const recipe = recipeForNewText(source.recipe);
  const { shape: _shape, ...rest } = options;
  // The module's id is its file's base name: "generate_answer.predict" + the recipe's suffixes.
  return exportDocument(
    { value: file.value, program, recipe, appliedOps: [], name: file.baseName + '.json', madeHere: true },
    { ...rest, target: 'same', now },
  );
}
