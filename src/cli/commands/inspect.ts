/**
 * `inspect FILE [--json] [--recover OUT.json]`: what a file is made of (its recipe), its sizes and a short
 * outline; a whole-program pickle also shows the DSPy program recovered from it, and `--recover` writes that
 * program as state JSON.
 */
import { decodeBytes } from '../../core/engine/pipeline/decode.ts';
import { describeRecipe } from '../../core/engine/layers/recipe.ts';
import { formatCount } from '../../core/engine/errors.ts';
import type { CliCommand } from '../cli-io.ts';
import { decodeOptionsFor, EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE } from '../cli-io.ts';
import { recoverBeside } from '../recovered.ts';
import { applyRecoveredFacts } from '../../core/program/formats/dspy/pickled/recovered-facts.ts';
import { parseCommandArgs } from '../args.ts';
import { credentialsFor, splitKeyArgs } from '../keyed-input.ts';
import { KEY_OPTIONS_HELP } from '../key-options.ts';
import { reportError } from '../cli-errors.ts';
import { outline, type OutlineEntry } from '../outline.ts';
import { arrayLines, numpyArrays, tensorLines, torchTensors } from '../pickle-contents.ts';
import { analyzeProgram, programJson, programLines, safetyLines, safetyOf } from '../program-report.ts';
import { inspectShardIndex, openWeights, shardLines, weightsJson, weightsLines } from '../weights-report.ts';

export const INSPECT_HELP = `Usage: inspect FILE [--json] [--recover OUT.json] [key options]
  --recover OUT.json  for a DSPy whole-program pickle (program.pkl, with its metadata.json beside it):
                      write the program recovered from it, read and never run, as the state JSON
                      program.save("x.json") writes, which a plain program.load() reads with no pickle
${KEY_OPTIONS_HELP}
`;

export const inspectCommand: CliCommand = {
  name: 'inspect',
  summary: 'Show how a file is layered (its recipe), its sizes and an outline of its value.',
  async run(args, io) {
    let keyed;
    try {
      keyed = splitKeyArgs(args);
    } catch (e) {
      io.err(`${(e as Error).message}\n${INSPECT_HELP}`);
      return EXIT_USAGE;
    }
    const parsed = parseCommandArgs(keyed.rest, ['recover'], INSPECT_HELP, io);
    if (typeof parsed === 'number') return parsed;
    const [file, ...extra] = parsed.positional;
    const unknown = [...parsed.flags.keys()].filter((f) => f !== 'json' && f !== 'recover');
    const recoverTo = parsed.flags.get('recover');
    if (!file || extra.length > 0 || unknown.length > 0 || recoverTo === true) {
      io.err(INSPECT_HELP);
      return EXIT_USAGE;
    }
    const json = parsed.flags.has('json');
    const print = (report: unknown, lines: string[]) =>
      io.out(json ? JSON.stringify(report, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2) + '\n' : lines.join('\n') + '\n');
    try {
      // Weights files are read by range, header first: never whole, whatever their size.
      const weights = await openWeights(io, file);
      if (weights) {
        try {
          print(weightsJson(file, weights.file, weights.source.size), weightsLines(file, weights.file, weights.source.size));
        } finally {
          weights.source.close();
        }
        return EXIT_OK;
      }
      const bytes = await io.readFile(file);
      const credentials = keyed.option ? await credentialsFor(keyed.option, io) : undefined;
      const doc = await decodeBytes(bytes, { ...decodeOptionsFor(io, file), ...(credentials ? { credentials } : {}) });
      // A safetensors shard index: the shards it names are read beside it, header first.
      const weightMap = (doc.value as { weight_map?: unknown } | null)?.weight_map;
      if (doc.syntax === 'json' && typeof weightMap === 'object' && weightMap !== null) {
        const joined = await inspectShardIndex(io, file, new TextDecoder().decode(bytes));
        if (joined) {
          print({ file, format: 'sharded-safetensors', ...joined }, shardLines(file, joined));
          return EXIT_OK;
        }
      }
      const entries: OutlineEntry[] = outline(doc.value);
      const program = analyzeProgram(doc.value, { recipe: doc.recipe, name: file });
      const safety = safetyOf(doc.recipe);
      const tensors = torchTensors(bytes, doc.recipe);
      const arrays = doc.recipe.some((s) => s.layer === 'pickle') ? numpyArrays(doc.value) : [];
      const recovered = await recoverBeside(io, file, bytes, doc);
      const recoveredProgram = recovered
        ? applyRecoveredFacts(analyzeProgram(JSON.parse(recovered.text), { name: recovered.name }), recovered.facts)
        : undefined;
      if (typeof recoverTo === 'string') {
        if (!recovered) {
          io.err(
            `error [pickle] ${file} holds no DSPy program that can be recovered (a whole program saved with save_program=True, or an MLflow DSPy model)\n`,
          );
          return EXIT_BAD_INPUT;
        }
        await io.writeFile(recoverTo, new TextEncoder().encode(recovered.text));
      }
      if (parsed.flags.has('json')) {
        const report = {
          file,
          safety,
          recipe: doc.recipe,
          syntax: doc.syntax,
          inputBytes: doc.inputBytes,
          decodedBytes: doc.decodedBytes,
          program: programJson(program),
          outline: entries,
          ...(tensors ? { tensors } : {}),
          ...(arrays.length > 0 ? { arrays } : {}),
          ...(recovered && recoveredProgram
            ? {
                recovered: {
                  ...programJson(recoveredProgram),
                  notes: recovered.facts.notes,
                  ...(typeof recoverTo === 'string' ? { writtenTo: recoverTo } : {}),
                },
              }
            : {}),
          warnings: doc.warnings,
        };
        io.out(JSON.stringify(report, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2) + '\n');
        return EXIT_OK;
      }
      const lines = [
        ...(safety ? safetyLines(safety) : []),
        `file:    ${file}`,
        `recipe:  ${describeRecipe(doc.recipe)}`,
        `size:    ${formatCount(doc.inputBytes)} bytes${doc.decodedBytes !== doc.inputBytes ? ` (${formatCount(doc.decodedBytes)} decoded)` : ''}`,
        ...programLines(program),
        ...(tensors ? tensorLines(tensors) : []),
        ...(arrays.length > 0 ? arrayLines(arrays) : []),
        ...(recovered && recoveredProgram
          ? [
              `recovered: ${recovered.facts.formatLabel}, read without running it${typeof recoverTo === 'string' ? `; written to ${recoverTo}` : ' (--recover OUT.json writes it as state JSON)'}`,
              ...programLines(recoveredProgram).map((l) => `  ${l}`),
            ]
          : []),
        'outline:',
        ...entries.map(
          (e) => `  ${e.key}: ${e.type}${e.count !== undefined ? ` (${formatCount(e.count)})` : ''}${e.preview !== undefined ? ` ${e.preview}` : ''}`,
        ),
        ...doc.warnings.map((w) => `warning: ${w}`),
      ];
      io.out(lines.join('\n') + '\n');
      return EXIT_OK;
    } catch (e) {
      return reportError(e, io);
    }
  },
};
