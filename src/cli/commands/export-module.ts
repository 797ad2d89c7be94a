/**
 * `export-module FILE PATH OUT [options] [--own-path]`: one module of a program as a file its framework
 * loads alone. DSPy: `{"self": state, "metadata": ...}` for a bare `dspy.Predict(...).load(OUT)`
 * (--own-path keeps the module's name as the key); envelope: `{module, parent_program, exported_at}`.
 */
import { ProgramDocument } from '../../core/program/document/program-document.ts';
import { defaultModuleShape } from '../../core/program/export/module-file.ts';
import { describeRecipe } from '../../core/engine/layers/recipe.ts';
import { formatCount } from '../../core/engine/errors.ts';
import type { CliCommand } from '../cli-io.ts';
import { decodeOptionsFor, EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE } from '../cli-io.ts';
import { parseCommandArgs } from '../args.ts';
import { credentialsFor, sameEncryption, splitKeyArgs } from '../keyed-input.ts';
import { KEY_OPTIONS_HELP } from '../key-options.ts';
import { reportError } from '../cli-errors.ts';
import { EXPORT_FLAGS, EXPORT_FLAGS_HELP, EXPORT_SWITCHES, exportOptionsFrom } from './export-flags.ts';

export const EXPORT_MODULE_HELP = `Usage: export-module FILE PATH OUT [options]\n  PATH is the module's id as \`inspect\` prints it (e.g. generate_answer.predict)\n  --own-path                        DSPy: keep the module's name as the key instead of "self"\n${EXPORT_FLAGS_HELP}\n${KEY_OPTIONS_HELP}\n`;

export const exportModuleCommand: CliCommand = {
  name: 'export-module',
  summary: 'Write one module as a file its framework loads alone (DSPy {"self": ...} or an envelope module file).',
  async run(args, io) {
    let keyed!: ReturnType<typeof splitKeyArgs>;
    const parsed = parseCommandArgs(
      () => {
        keyed = splitKeyArgs(args);
        return keyed.rest;
      },
      EXPORT_FLAGS,
      EXPORT_MODULE_HELP,
      io,
    );
    if (typeof parsed === 'number') return parsed;
    const [input, path, output, ...extra] = parsed.positional;
    const known: readonly string[] = [...EXPORT_FLAGS, ...EXPORT_SWITCHES, 'own-path'];
    const unknown = [...parsed.flags.keys()].filter((f) => !known.includes(f));
    const options = output ? exportOptionsFrom(parsed.flags, output) : null;
    if (!input || !path || !output || extra.length > 0 || unknown.length > 0 || !options || options.target !== undefined) {
      io.err(EXPORT_MODULE_HELP);
      return EXIT_USAGE;
    }
    try {
      const bytes = await io.readFile(input);
      const credentials = keyed.option ? await credentialsFor(keyed.option, io) : undefined;
      const doc = await ProgramDocument.open(bytes, { ...decodeOptionsFor(io, input), ...(credentials ? { credentials } : {}) });
      const encryption = options.encryption ?? sameEncryption(doc.recipe, credentials);
      if (encryption) options.encryption = encryption;
      const { program } = doc;
      if (!program.modules.some((m) => m.id === path)) {
        io.err(`error [module-file] No module "${path}" in ${input}; it has ${program.modules.map((m) => m.id).join(', ') || 'none'}.\n`);
        return EXIT_BAD_INPUT;
      }
      const shape = parsed.flags.has('own-path') && defaultModuleShape(program) === 'self' ? 'own-path' : undefined;
      const out = await doc.exportModule(path, { ...options, fileName: output.replace(/^.*[\\/]/, ''), ...(shape ? { shape } : {}) });
      await io.writeFile(output, out.bytes);
      if (parsed.flags.has('sidecar')) await io.writeFile(`${output}.sha256`, new TextEncoder().encode(out.sidecar));
      for (const w of out.warnings) io.err(`warning: ${w}\n`);
      if (out.redacted > 0) io.err(`warning: ${out.redacted} secret${out.redacted > 1 ? 's' : ''} redacted (--no-redact keeps them)\n`);
      io.out(`${output}: module ${path}, ${describeRecipe(out.recipe)}, ${formatCount(out.size)} bytes, sha256 ${out.sha256}\n`);
      return EXIT_OK;
    } catch (e) {
      return reportError(e, io);
    }
  },
};
