/**
 * Model → value → layers → bytes → decoded again as a check. Defaults round-trip: an untouched
 * document comes out byte for byte; an edited JSON or YAML text gets only its edited regions
 * rewritten; anything else is written fresh in the chosen recipe. Nothing is offered before the
 * engine has read it back to the very value that was meant.
 */
import { sha256Hex } from '../../engine/checksum/sha256.ts';
import { formatSidecar } from '../../engine/checksum/sidecar.ts';
import { FormatError, isFormatError } from '../../engine/errors.ts';
import { describeRecipe, type Recipe } from '../../engine/layers/recipe.ts';
import { deepEqual } from '../model/deep-equal.ts';
import { applyWithInverse } from '../model/patch.ts';
import type { Operation } from '../model/program.ts';
import { redactSecrets } from '../model/secrets.ts';
import { decodeBytes } from '../../engine/pipeline/decode.ts';
import { encodeDocument } from '../../engine/pipeline/encode.ts';
import { withNumberLexemes, type JsonStyle } from '../../engine/json-text/json-style.ts';
import { convertForTarget } from './convert-target.ts';
import { exportRegistry } from './yaml-interop-layer.ts';
import type { ExportOptions, ExportResult, ExportSource } from './export-options.ts';
import { exportFileName } from './export-file-name.ts';
import { planRecipe } from './target-recipe.ts';

function sameRecipe(a: Recipe, b: Recipe): boolean {
  return a.length === b.length && a.every((s, i) => s.layer === b[i]?.layer && deepEqual(s.options, b[i]?.options));
}

/**
 * Decodes `bytes` with the same engine and compares with what was meant; throws a typed error on any
 * difference. The file is read under the name it will be saved as, as it will be opened: a file whose
 * bytes alone are ambiguous (a one-letter YAML scalar, a short raw deflate stream) is told apart by
 * its suffix, as it was when it was opened.
 */
export async function verifyExport(bytes: Uint8Array, expected: unknown, recipe: Recipe, options: ExportOptions = {}, fileName?: string): Promise<void> {
  let decoded;
  try {
    decoded = await decodeBytes(bytes, {
      ...(fileName !== undefined ? { name: fileName } : {}),
      ...(options.encryption ? { credentials: options.encryption.credentials } : {}),
    });
  } catch (e) {
    const why = isFormatError(e) ? `${e.layer}: ${e.message}` : String(e);
    throw new FormatError(
      { code: 'internal', layer: 'export-check', message: `The exported file does not open again (${why}); it was not offered.` },
      { cause: e },
    );
  }
  const layers = decoded.recipe.map((s) => s.layer).join(' → ');
  if (layers !== describeRecipe(recipe)) {
    throw new FormatError({
      code: 'internal',
      layer: 'export-check',
      message: `The exported file reads back as ${layers}, not ${describeRecipe(recipe)}; it was not offered.`,
    });
  }
  if (!deepEqual(decoded.value, expected)) {
    throw new FormatError({
      code: 'invalid',
      layer: 'export-check',
      message: `The exported ${describeRecipe(recipe)} file does not read back to the same program (a value this syntax cannot hold?); it was not offered.`,
    });
  }
}

export async function exportDocument(source: ExportSource, options: ExportOptions = {}): Promise<ExportResult> {
  const target = options.target ?? 'same';
  const { recipe, keepsText, warnings } = planRecipe(source.recipe, options, source.program);
  const rawDeflate = recipe.find((s) => s.layer === 'deflate-raw');
  if (rawDeflate && rawDeflate.options.level === 0) {
    // Level 0 stores the text as is behind a 5-byte block header: no reader can tell it from text.
    throw new FormatError({
      code: 'unsupported',
      layer: 'export',
      message:
        'Raw deflate at level 0 stores the text uncompressed with no header, so the file could not be recognised when opened again. Pick level 1–9, or zlib.',
    });
  }
  const now = options.now ?? new Date().toISOString();

  // Secrets first, as JSON Patch on the value, so a kept text gets them spliced in like any edit.
  const redact = options.redactSecrets !== false && source.program.secrets.length > 0;
  const redactOps: Operation[] = redact ? redactSecrets(source.value, source.program) : [];
  const redacted = redactOps.length > 0 ? applyWithInverse(source.value, redactOps).value : source.value;
  if (!redact && source.program.secrets.length > 0) {
    warnings.push(
      `${source.program.secrets.length} secret${source.program.secrets.length > 1 ? 's are' : ' is'} written in plain text (redaction was turned off).`,
    );
  }

  const converted = convertForTarget(redacted, source.program, target, now);
  warnings.push(...converted.warnings);
  refuseBareMsgpack(recipe, converted.value);
  const converts = converted.value !== redacted;

  const untouched = source.appliedOps.length === 0 || (source.originalValue !== undefined && deepEqual(source.value, source.originalValue));
  let bytes: Uint8Array;
  let identical = false;
  if (untouched && !converts && redactOps.length === 0 && source.originalBytes && sameRecipe(recipe, source.recipe)) {
    // Deflate streams cannot be re-made bit for bit by another deflater: the opened bytes are the export.
    bytes = source.originalBytes.slice();
    identical = true;
  } else if (keepsText && !converts && source.sourceText !== undefined) {
    const ops = [...(untouched ? [] : source.appliedOps), ...redactOps];
    bytes = await encodeDocument({ value: converted.value, recipe, source: { text: source.sourceText, ops } }, encodeOptions(options));
    identical = ops.length === 0 && sameRecipe(recipe, source.recipe);
  } else {
    const written = source.sourceText !== undefined ? withDeferredNumbers(recipe, source.sourceText) : recipe;
    bytes = await encodeDocument({ value: converted.value, recipe: written }, encodeOptions(options));
  }

  const fileName = options.fileName ?? exportFileName(source.name, recipe, converts || source.madeHere ? undefined : source.recipe);
  await verifyExport(bytes, converted.value, recipe, options, fileName);
  const sha256 = await sha256Hex(bytes);
  return { bytes, fileName, sha256, sidecar: formatSidecar(sha256, fileName), recipe, size: bytes.length, redacted: redactOps.length, identical, warnings };
}

/**
 * MessagePack is recognised by its map or array header: any byte at all starts some bare
 * MessagePack value, so a file of one string or number would never be recognised when opened again.
 */
function refuseBareMsgpack(recipe: Recipe, value: unknown): void {
  if (!recipe.some((s) => s.layer === 'msgpack') || (value !== null && typeof value === 'object' && !(value instanceof Uint8Array))) return;
  const what = value === null ? 'null' : value instanceof Uint8Array ? 'bytes' : typeof value;
  throw new FormatError({
    code: 'unsupported',
    layer: 'export',
    message: `This file is one bare value (${what}), not a map or a list: written as MessagePack it could not be recognised when opened again. Export it as JSON or YAML.`,
  });
}

function encodeOptions(options: ExportOptions) {
  return options.encryption ? { credentials: options.encryption.credentials, registry: exportRegistry } : { registry: exportRegistry };
}

/** A JSON step whose number lexemes were deferred at decode gets them now, from the source text. */
function withDeferredNumbers(recipe: Recipe, sourceText: string): Recipe {
  const last = recipe[recipe.length - 1];
  const style = last?.layer === 'json' ? (last.options.style as JsonStyle | undefined) : undefined;
  if (!last || !style?.numbersDeferred) return recipe;
  return [...recipe.slice(0, -1), { ...last, options: { ...last.options, style: withNumberLexemes(style, sourceText) } }];
}
