/** `inspect FILE [--json]`: what a file is made of (its recipe), its sizes and a short outline. */
import { ProgramDocument } from '../../core/program/document/program-document.ts';
import { describeRecipe } from '../../core/engine/layers/recipe.ts';
import { formatCount } from '../../core/engine/errors.ts';
import type { CliCommand } from '../cli-io.ts';
import { EXIT_OK, EXIT_USAGE } from '../cli-io.ts';
import { parseArgs } from '../args.ts';
import { reportError } from '../cli-errors.ts';
import { outline, type OutlineEntry } from '../outline.ts';
import { programJson, programLines, safetyLines, safetyOf } from '../program-report.ts';

export const INSPECT_HELP = 'Usage: inspect FILE [--json]\n';

export const inspectCommand: CliCommand = {
  name: 'inspect',
  summary: 'Show how a file is layered (its recipe), its sizes and an outline of its value.',
  async run(args, io) {
    let parsed;
    try {
      parsed = parseArgs(args, []);
    } catch (e) {
      io.err(`${(e as Error).message}\n${INSPECT_HELP}`);
      return EXIT_USAGE;
    }
    if (parsed.flags.has('help')) {
      io.out(INSPECT_HELP);
      return EXIT_OK;
    }
    const [file, ...extra] = parsed.positional;
    const unknown = [...parsed.flags.keys()].filter((f) => f !== 'json');
    if (!file || extra.length > 0 || unknown.length > 0) {
      io.err(INSPECT_HELP);
      return EXIT_USAGE;
    }
    try {
      const bytes = await io.readFile(file);
      const opened = await ProgramDocument.open(bytes, { name: file });
      const doc = opened.decoded;
      const entries: OutlineEntry[] = outline(doc.value);
      const program = opened.program;
      const safety = safetyOf(doc.recipe);
      if (parsed.flags.has('json')) {
        const report = { file, safety, recipe: doc.recipe, syntax: doc.syntax, inputBytes: doc.inputBytes, decodedBytes: doc.decodedBytes, program: programJson(program), outline: entries, warnings: doc.warnings };
        io.out(JSON.stringify(report, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2) + '\n');
        return EXIT_OK;
      }
      const lines = [
        ...(safety ? safetyLines(safety) : []),
        `file:    ${file}`,
        `recipe:  ${describeRecipe(doc.recipe)}`,
        `size:    ${formatCount(doc.inputBytes)} bytes${doc.decodedBytes !== doc.inputBytes ? ` (${formatCount(doc.decodedBytes)} decoded)` : ''}`,
        ...programLines(program),
        'outline:',
        ...entries.map((e) => `  ${e.key}: ${e.type}${e.count !== undefined ? ` (${formatCount(e.count)})` : ''}${e.preview !== undefined ? ` ${e.preview}` : ''}`),
        ...doc.warnings.map((w) => `warning: ${w}`),
      ];
      io.out(lines.join('\n') + '\n');
      return EXIT_OK;
    } catch (e) {
      return reportError(e, io);
    }
  },
};
