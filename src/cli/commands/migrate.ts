/**
 * `migrate FILE --to VERSION [-o OUT] [--try-anyway] [--signature KEY=SIG] [--keep-instructions KEY=WHICH]`
 * and `migrate --plan FILE [--to VERSION]`.
 * The file is written back with its own recipe; for JSON the migration's operations are spliced into
 * the source text, so every byte the migration does not touch stays as it was.
 */
import { kindOf } from '../../core/program/formats/analyze.ts';
import { formatCount } from '../../core/engine/errors.ts';
import { describeRecipe } from '../../core/engine/layers/recipe.ts';
import { fileExtensionFor } from '../../core/engine/layers/registry.ts';
import type { MigrationAnswers, MigrationPlan } from '../../core/program/model/migration.ts';
import { ProgramDocument } from '../../core/program/document/program-document.ts';
import { parseCommandArgs } from '../args.ts';
import { credentialsFor, splitKeyArgs } from '../keyed-input.ts';
import { KEY_OPTIONS_HELP } from '../key-options.ts';
import { reportError } from '../cli-errors.ts';
import type { CliCommand, CliIo } from '../cli-io.ts';
import { decodeOptionsFor, EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE } from '../cli-io.ts';

export const MIGRATE_HELP = `Usage: migrate FILE --to VERSION [-o OUT] [--try-anyway]
       migrate --plan FILE [--to VERSION] [--try-anyway]

Brings a saved program up to a newer format so today's framework loads it.
  --to VERSION    DSPy: 3.x (default), 2.6.x, 2.5.x (3, 2.6, 3.1.3 … are read as their line);
                  envelope: 1.1.0
  --plan          print the steps, the error each prevents and its notes; write nothing
  -o OUT          where to write (default: FILE with ".migrated" before its extension)
  --try-anyway    run the known cross-major steps of an incompatible envelope
  --signature KEY=SIG
                  the fields of predictor KEY, when the file cannot name them (an era B predictor
                  with no demos): a signature as written in Python, string or class form, never
                  run; KEY=@FILE reads it from FILE. Repeat for several predictors.
  --keep-instructions KEY=extended|signature
                  which instructions ChainOfThought KEY keeps when its plain and extended
                  signatures disagree (default: extended, the ones DSPy 2.4-2.5 ran). Repeatable.
An encrypted FILE is opened with one of these, and written back encrypted the same way:
${KEY_OPTIONS_HELP}
Exit status: 0 done (or nothing to do), 1 the file cannot be migrated, 2 usage.
`;

function defaultOut(input: string, ext: string): string {
  if (ext !== '' && input.endsWith(ext)) return `${input.slice(0, -ext.length)}.migrated${ext}`;
  return `${input}.migrated`;
}

/** Takes the repeatable answer options out of the arguments (the generic parser keeps one value per flag). */
function takeAnswers(args: readonly string[]): { answers: MigrationAnswers; rest: string[] } {
  const answers: MigrationAnswers = {};
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const m = /^--(signature|keep-instructions)(?:=(.*))?$/s.exec(a);
    if (!m) {
      rest.push(a);
      continue;
    }
    const value = m[2] ?? args[++i];
    const eq = value?.indexOf('=') ?? -1;
    if (value === undefined || eq <= 0) throw new Error(`--${m[1]} needs KEY=VALUE (the predictor's key in the file)`);
    const key = value.slice(0, eq);
    const given = value.slice(eq + 1);
    if (m[1] === 'signature') (answers.signatures ??= {})[key] = given;
    else if (given === 'extended' || given === 'signature') (answers.instructions ??= {})[key] = given;
    else throw new Error(`--keep-instructions ${key}= takes extended or signature, not "${given}"`);
  }
  return { answers, rest };
}

/** `KEY=@FILE` reads the signature from FILE. */
async function readAnswerFiles(answers: MigrationAnswers, io: CliIo): Promise<MigrationAnswers> {
  const signatures = { ...answers.signatures };
  for (const [key, text] of Object.entries(signatures)) {
    if (text.startsWith('@')) signatures[key] = new TextDecoder().decode(await io.readFile(text.slice(1)));
  }
  return Object.keys(signatures).length > 0 ? { ...answers, signatures } : answers;
}

function printPlan(plan: MigrationPlan, io: CliIo): void {
  io.out(`from: ${plan.from}\n`);
  if (plan.targets.length > 0) io.out(`targets: ${plan.targets.map((t) => t.id).join(', ')}\n`);
  if (plan.target) io.out(`target: ${plan.target.label}\n`);
  io.out(`${plan.readOnly ? 'read-only' : plan.needed ? 'needed' : 'not needed'}: ${plan.reason}\n`);
  for (const q of plan.questions ?? []) {
    io.out(
      q.kind === 'fields'
        ? `question: ${q.message} (answer with --signature ${q.key}=SIGNATURE)\n`
        : `question: ${q.message} Kept unless told: ${q.default} (${q.why}) Answer with --keep-instructions ${q.key}=extended|signature.\n`,
    );
  }
  plan.steps.forEach((s, i) => {
    io.out(`${i + 1}. ${s.id} (${s.from} → ${s.to}), ${s.ops.length === 0 ? 'reports only' : `${s.ops.length} operation${s.ops.length > 1 ? 's' : ''}`}\n`);
    io.out(`   ${s.description}\n`);
    if (s.prevents) io.out(`   prevents: ${s.prevents}\n`);
    for (const n of s.notes) io.out(`   - ${n}\n`);
  });
}

export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: 'Migrate an old DSPy state or envelope so a newer framework loads it (or --plan it).',
  async run(rawArgs, io) {
    let keyed!: ReturnType<typeof splitKeyArgs>;
    let taken!: ReturnType<typeof takeAnswers>;
    const parsed = parseCommandArgs(
      () => {
        keyed = splitKeyArgs(rawArgs);
        taken = takeAnswers(keyed.rest);
        return taken.rest.map((a) => (a === '-o' ? '--out' : a));
      },
      ['to', 'out'],
      MIGRATE_HELP,
      io,
    );
    if (typeof parsed === 'number') return parsed;
    let answers: MigrationAnswers;
    try {
      answers = await readAnswerFiles(taken.answers, io);
    } catch (e) {
      io.err(`${(e as Error).message}\n${MIGRATE_HELP}`);
      return EXIT_USAGE;
    }
    const unknown = [...parsed.flags.keys()].filter((f) => !['to', 'out', 'plan', 'try-anyway'].includes(f));
    const [input, ...extra] = parsed.positional;
    const to = parsed.flags.get('to');
    const out = parsed.flags.get('out');
    const planOnly = parsed.flags.get('plan') === true;
    const tryAnyway = parsed.flags.get('try-anyway') === true;
    if (!input || extra.length > 0 || unknown.length > 0 || to === true || out === true || (!planOnly && to === undefined) || (planOnly && out !== undefined)) {
      io.err(MIGRATE_HELP);
      return EXIT_USAGE;
    }
    try {
      const bytes = await io.readFile(input);
      const credentials = keyed.option ? await credentialsFor(keyed.option, io) : undefined;
      const doc = await ProgramDocument.open(bytes, { ...decodeOptionsFor(io, input), ...(credentials ? { credentials } : {}) });
      const { program } = doc;
      const plan = doc.plan(to, { tryAnyway, answers });
      if (planOnly) {
        printPlan(plan, io);
        return EXIT_OK;
      }
      if (plan.readOnly || !plan.target || (plan.incompatible && !tryAnyway)) {
        io.err(
          `error [migration] ${plan.incompatible && !tryAnyway ? `${plan.incompatible.message} Run with --try-anyway to run the known cross-major steps.` : plan.reason}\n`,
        );
        return EXIT_BAD_INPUT;
      }
      if (plan.steps.every((s) => s.ops.length === 0)) {
        for (const n of plan.steps.flatMap((s) => s.notes)) io.out(`note: ${n}\n`);
        io.out(`${input}: nothing to migrate (${plan.reason})\n`);
        return EXIT_OK;
      }
      // The document applies the migration once; its write-back splices the ops into JSON source text.
      const applied = doc.migrate(to, { tryAnyway, answers });
      for (const n of applied.notes) io.out(`note: ${n}\n`);
      const target = typeof out === 'string' ? out : defaultOut(input, fileExtensionFor(doc.recipe));
      const written = await doc.encode(credentials ? { credentials } : {});
      await io.writeFile(target, written);
      for (const sentence of kindOf(program).migrations?.stillRefused?.(doc.value, plan.target) ?? []) io.err(`warning: ${sentence}\n`);
      io.out(
        `${target}: ${applied.label}, ${plan.steps.filter((s) => s.ops.length > 0).length} steps, ${describeRecipe(doc.recipe)}, ${formatCount(written.length)} bytes\n`,
      );
      return EXIT_OK;
    } catch (e) {
      return reportError(e, io, 'migration');
    }
  },
};
