/**
 * `convert IN OUT [--to json|yaml|msgpack] [--compress gzip|zlib|deflate-raw|none] [--level N] [--indent N]`.
 * Without flags the output keeps the input's recipe, except where OUT's suffixes say otherwise.
 * An untouched JSON written with its own recipe comes out byte-identical.
 */
import { decodeBytes } from '../../core/pipeline/decode.ts';
import { encodeDocument } from '../../core/pipeline/encode.ts';
import { describeRecipe, specFromFileName, withChanges, type CompressionId, type SyntaxId } from '../../core/layers/recipe.ts';
import { formatCount } from '../../core/errors.ts';
import type { CliCommand } from '../cli-io.ts';
import { EXIT_OK, EXIT_USAGE } from '../cli-io.ts';
import { parseArgs } from '../args.ts';
import { reportError } from '../cli-errors.ts';

export const CONVERT_HELP = 'Usage: convert IN OUT [--to json|yaml|msgpack] [--compress gzip|zlib|deflate-raw|none] [--level 0-9] [--indent N]\n';

const SYNTAXES = ['json', 'yaml', 'msgpack'];
const COMPRESSIONS = ['gzip', 'zlib', 'deflate-raw', 'none'];

function intFlag(v: string | true | undefined, min: number, max: number): number | undefined | null {
  if (v === undefined) return undefined;
  if (v === true || !/^\d+$/.test(v)) return null;
  const n = Number(v);
  return n >= min && n <= max ? n : null;
}

export const convertCommand: CliCommand = {
  name: 'convert',
  summary: 'Write a file with another syntax and/or compression (default: the same recipe).',
  async run(args, io) {
    let parsed;
    try {
      parsed = parseArgs(args, ['to', 'compress', 'level', 'indent']);
    } catch (e) {
      io.err(`${(e as Error).message}\n${CONVERT_HELP}`);
      return EXIT_USAGE;
    }
    if (parsed.flags.has('help')) {
      io.out(CONVERT_HELP);
      return EXIT_OK;
    }
    const [input, output, ...extra] = parsed.positional;
    const to = parsed.flags.get('to');
    const compress = parsed.flags.get('compress');
    const level = intFlag(parsed.flags.get('level'), 0, 9);
    const indent = intFlag(parsed.flags.get('indent'), 0, 16);
    const unknown = [...parsed.flags.keys()].filter((f) => !['to', 'compress', 'level', 'indent'].includes(f));
    const bad =
      !input || !output || extra.length > 0 || unknown.length > 0 || level === null || indent === null ||
      (to !== undefined && (to === true || !SYNTAXES.includes(to))) ||
      (compress !== undefined && (compress === true || !COMPRESSIONS.includes(compress)));
    if (bad || !input || !output) {
      io.err(CONVERT_HELP);
      return EXIT_USAGE;
    }
    try {
      const bytes = await io.readFile(input);
      const doc = await decodeBytes(bytes, { name: input });
      const fromName = specFromFileName(output);
      const change: { syntax?: SyntaxId; compression?: CompressionId; level?: number; indent?: number } = {};
      const syntax = typeof to === 'string' ? to : fromName.syntax;
      const compression = typeof compress === 'string' ? (compress as CompressionId) : fromName.compression;
      if (syntax !== undefined) change.syntax = syntax;
      if (compression !== undefined) change.compression = compression;
      if (level !== undefined) change.level = level;
      if (indent !== undefined) change.indent = indent;
      const recipe = withChanges(doc.recipe, change);
      const sameSyntax = recipe[recipe.length - 1]?.layer === doc.syntax;
      const keepText = sameSyntax && doc.text !== undefined && indent === undefined;
      const out = await encodeDocument(keepText ? { value: doc.value, recipe, source: { text: doc.text as string } } : { value: doc.value, recipe });
      await io.writeFile(output, out);
      io.out(`${output}: ${describeRecipe(recipe)}, ${formatCount(out.length)} bytes (from ${describeRecipe(doc.recipe)}, ${formatCount(bytes.length)} bytes)\n`);
      return EXIT_OK;
    } catch (e) {
      return reportError(e, io);
    }
  },
};
