/**
 * Document out: the syntax layer writes the value (or the untouched/patched source text), then
 * every outer layer of the recipe wraps it, innermost first.
 */
import { FormatError, isFormatError } from '../errors.ts';
import { withLimits, type Limits } from '../limits.ts';
import type { Operation } from '../json-patch.ts';
import type { LayerContext } from '../layers/layer.ts';
import { isSyntaxLayer } from '../layers/layer.ts';
import { defaultRegistry, type LayerRegistry } from '../layers/registry.ts';
import type { Recipe } from '../layers/recipe.ts';
import { throwIfAborted } from '../layers/cancel.ts';

export { recipeFor } from '../layers/recipe.ts';
export { fileExtensionFor } from '../layers/registry.ts';

export interface EncodeInput {
  value: unknown;
  recipe: Recipe;
  /** The decoded source text and the edits made since (JSON and YAML keep untouched bytes). */
  source?: { text: string; ops?: readonly Operation[] };
}

export interface EncodeOptions {
  limits?: Partial<Limits>;
  signal?: AbortSignal;
  registry?: LayerRegistry;
  credentials?: LayerContext['credentials'];
}

export async function encodeDocument(input: EncodeInput, options: EncodeOptions = {}): Promise<Uint8Array> {
  const registry = options.registry ?? defaultRegistry;
  const ctx: LayerContext = { limits: withLimits(options.limits) };
  if (options.signal) ctx.signal = options.signal;
  if (options.credentials) ctx.credentials = options.credentials;
  const steps = input.recipe;
  const last = steps[steps.length - 1];
  if (!last) throw new FormatError({ code: 'invalid', layer: 'encode', message: 'The recipe is empty: it needs at least a syntax.' });
  const layerOf = (id: string) => {
    const layer = registry.get(id);
    if (!layer) throw new FormatError({ code: 'unsupported', layer: id, message: `No layer "${id}" is available to write this file.` });
    return layer;
  };
  const syntax = layerOf(last.layer);
  if (!isSyntaxLayer(syntax))
    throw new FormatError({ code: 'invalid', layer: syntax.id, message: `The last step of a recipe must be a syntax, not ${syntax.id}.` });
  try {
    const sameSyntaxSource = input.source;
    let bytes = await syntax.encode(sameSyntaxSource ? { value: input.value, source: sameSyntaxSource } : { value: input.value }, last.options, ctx);
    for (let i = steps.length - 2; i >= 0; i--) {
      throwIfAborted(ctx.signal, 'encode');
      const step = steps[i] as Recipe[number];
      const layer = layerOf(step.layer);
      if (isSyntaxLayer(layer))
        throw new FormatError({ code: 'invalid', layer: layer.id, message: `A syntax (${layer.id}) can only be the last step of a recipe.` });
      bytes = await layer.encode(bytes, step.options, ctx);
    }
    return bytes;
  } catch (e) {
    if (isFormatError(e)) throw e;
    throw new FormatError(
      { code: 'internal', layer: 'encode', message: `Unexpected error while encoding: ${(e as Error)?.message ?? String(e)}` },
      { cause: e },
    );
  }
}
