/**
 * `check FILE MODULE --signature TEXT|@FILE [--format json|text]`: will the predictor load into the
 * signature declared in code, and what DSPy does with each difference. Exit 0 when the fields line
 * up, 1 when they do not (or the signature does not parse), 2 for usage.
 */
import { parseDeclared } from '../../core/program/prompt/render-module.ts';
import { checkSignature } from '../../core/program/prompt/load-check.ts';
import { findModule } from '../../core/program/model/demos.ts';
import type { CliCommand } from '../cli-io.ts';
import { EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE } from '../cli-io.ts';
import { parseCommandArgs } from '../args.ts';
import { reportError } from '../cli-errors.ts';
import { loadProgram, predictorProblem, signatureText } from './prompt-common.ts';
import { demoArray } from '../../core/program/model/demos.ts';

export const CHECK_HELP = `Usage: check FILE MODULE --signature TEXT|@FILE [--format json|text]
  Compares the saved predictor with the signature declared in code (a string signature or a
  class X(dspy.Signature) block) as DSPy's load applies saved fields: by position.
`;

const VERDICTS = {
  match: 'match: the saved fields line up with this signature.',
  differs: 'loads with differences: DSPy will not complain, but see below.',
  wrong: 'loads WRONG: DSPy will not complain, and descriptions land on the wrong fields.',
} as const;

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'Check that a predictor will load into the signature declared in code (field count, order, names, roles).',
  async run(args, io) {
    const parsed = parseCommandArgs(args, ['signature', 'format'], CHECK_HELP, io);
    if (typeof parsed === 'number') return parsed;
    const [input, moduleId, ...extra] = parsed.positional;
    const format = parsed.flags.get('format') ?? 'text';
    const unknown = [...parsed.flags.keys()].filter((f) => f !== 'signature' && f !== 'format');
    if (
      !input ||
      !moduleId ||
      extra.length > 0 ||
      unknown.length > 0 ||
      typeof parsed.flags.get('signature') !== 'string' ||
      (format !== 'json' && format !== 'text')
    ) {
      io.err(CHECK_HELP);
      return EXIT_USAGE;
    }
    try {
      const { value, program } = await loadProgram(io, input);
      const problem = predictorProblem(program, input, moduleId);
      if (problem) {
        io.err(`error [prompt] ${problem}\n`);
        return EXIT_BAD_INPUT;
      }
      const { declared, error } = parseDeclared(await signatureText(io, parsed.flags.get('signature')));
      if (error || !declared) {
        io.err(`error [signature] ${error?.message ?? 'Nothing to read.'}\n`);
        return EXIT_BAD_INPUT;
      }
      const module = findModule(program, moduleId);
      let keys: string[] = [];
      try {
        const first = demoArray(value, module).slice(0, 64);
        keys = [...new Set(first.flatMap((d) => (d !== null && typeof d === 'object' && !Array.isArray(d) ? Object.keys(d) : [])))].filter(
          (k) => !['augmented', 'dspy_uuid', 'dspy_split'].includes(k),
        );
      } catch {
        keys = [];
      }
      const check = checkSignature(module, declared, keys);
      if (format === 'json') io.out(JSON.stringify(check, null, 2) + '\n');
      else {
        const lines = [`${moduleId}: ${VERDICTS[check.verdict]}`];
        for (const item of check.items) lines.push(`  [${item.severity}] ${item.message}`, `      DSPy: ${item.dspy}`);
        io.out(lines.join('\n') + '\n');
      }
      return check.verdict === 'match' ? EXIT_OK : EXIT_BAD_INPUT;
    } catch (e) {
      return reportError(e, io);
    }
  },
};
