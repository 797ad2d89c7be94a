import type { Recipe } from '../../core/engine/layers/recipe';

/** The layers the file was made of, outermost first: "gzip → json". */
export function RecipeBadges({ recipe }: { recipe: Recipe }) {
  return (
    <ol className="recipe" aria-label="Layers">
      {recipe.map((step, i) => (
        <li key={i} className="recipe-step" data-layer={step.layer}>
          {step.layer}
        </li>
      ))}
    </ol>
  );
}
