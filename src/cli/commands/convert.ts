/**
 * `convert IN OUT [export options]`: the export path of the app (core/export) on the command line.
 * Without flags the output keeps the input's recipe, except where OUT's suffixes say otherwise; an
 * untouched file written with its own recipe comes out byte-identical. Secrets are redacted unless
 * --no-redact; the result is decoded again before it is written.
 */
import { ProgramDocument } from '../../core/program/document/program-document.ts';
import { describeRecipe } from '../../core/engine/layers/recipe.ts';
import { formatCount } from '../../core/engine/errors.ts';
import type { CliCommand } from '../cli-io.ts';
import { decodeOptionsFor, EXIT_OK, EXIT_USAGE } from '../cli-io.ts';
import { parseCommandArgs } from '../args.ts';
import { credentialsFor, sameEncryption, splitKeyArgs } from '../keyed-input.ts';
import { KEY_OPTIONS_HELP } from '../key-options.ts';
import { reportError } from '../cli-errors.ts';
import { openWeights } from '../weights-report.ts';
import { convertWeights, takeMetadataEdits, type MetadataEdits } from '../weights-edit.ts';
import { EXPORT_FLAGS, EXPORT_FLAGS_HELP, EXPORT_SWITCHES, exportOptionsFrom, intFlag } from './export-flags.ts';

export const CONVERT_HELP = `Usage: convert IN OUT [options]\n${EXPORT_FLAGS_HELP}\n  --indent N                        JSON indent width (0: one line)\nsafetensors and GGUF (the tensor data is copied unchanged):\n  --set-metadata KEY=VALUE          set a metadata key (repeatable; GGUF keeps the key's type)\n  --remove-metadata KEY             remove a metadata key (repeatable)\n${KEY_OPTIONS_HELP}\n`;

const VALUED = [...EXPORT_FLAGS, 'indent'];

export const convertCommand: CliCommand = {
  name: 'convert',
  summary: 'Write a file with another syntax, compression, layout or program kind (default: the same recipe).',
  async run(args, io) {
    let keyed!: ReturnType<typeof splitKeyArgs>;
    let edits!: MetadataEdits;
    const parsed = parseCommandArgs(
      () => {
        keyed = splitKeyArgs(args);
        const taken = takeMetadataEdits(keyed.rest);
        edits = taken.edits;
        return taken.rest;
      },
      VALUED,
      CONVERT_HELP,
      io,
    );
    if (typeof parsed === 'number') return parsed;
    const [input, output, ...extra] = parsed.positional;
    const indent = intFlag(parsed.flags.get('indent'), 0, 16);
    const known: readonly string[] = [...VALUED, ...EXPORT_SWITCHES];
    const unknown = [...parsed.flags.keys()].filter((f) => !known.includes(f));
    const options = output ? exportOptionsFrom(parsed.flags, output) : null;
    if (!input || !output || extra.length > 0 || unknown.length > 0 || indent === null || !options) {
      io.err(CONVERT_HELP);
      return EXIT_USAGE;
    }
    if (indent !== undefined) options.indent = indent;
    try {
      const weights = await openWeights(io, input);
      if (weights) {
        try {
          await convertWeights(weights, input, output, edits, io);
        } finally {
          weights.source.close();
        }
        return EXIT_OK;
      }
      if (edits.set.length + edits.remove.length > 0) {
        io.err('--set-metadata and --remove-metadata apply to safetensors and GGUF files only\n');
        return EXIT_USAGE;
      }
      const bytes = await io.readFile(input);
      const credentials = keyed.option ? await credentialsFor(keyed.option, io) : undefined;
      const doc = await ProgramDocument.open(bytes, { ...decodeOptionsFor(io, input), ...(credentials ? { credentials } : {}) });
      const encryption = options.encryption ?? sameEncryption(doc.recipe, credentials);
      if (encryption) options.encryption = encryption;
      const out = await doc.export({ ...options, fileName: output.replace(/^.*[\\/]/, '') });
      await io.writeFile(output, out.bytes);
      if (parsed.flags.has('sidecar')) await io.writeFile(`${output}.sha256`, new TextEncoder().encode(out.sidecar));
      for (const w of out.warnings) io.err(`warning: ${w}\n`);
      if (out.redacted > 0) io.err(`warning: ${out.redacted} secret${out.redacted > 1 ? 's' : ''} redacted (--no-redact keeps them)\n`);
      io.out(
        `${output}: ${describeRecipe(out.recipe)}, ${formatCount(out.size)} bytes (from ${describeRecipe(doc.recipe)}, ${formatCount(bytes.length)} bytes), sha256 ${out.sha256}\n`,
      );
      return EXIT_OK;
    } catch (e) {
      return reportError(e, io);
    }
  },
};
