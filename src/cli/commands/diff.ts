/**
 * `diff A B [--json|--md]`: two saved programs compared by meaning (any formats the app reads).
 * Exit status like diff(1): 0 same in meaning, 1 different, 2 trouble.
 */
import { comparePrograms } from '../../core/program/compare/compare.ts';
import { loadSide } from '../../core/program/compare/load-side.ts';
import { comparisonJson, comparisonMarkdown } from '../../core/program/compare/markdown.ts';
import type { Comparison } from '../../core/program/compare/types.ts';
import { toErrorInfo } from '../../core/engine/errors.ts';
import type { CliCommand, CliIo } from '../cli-io.ts';
import { EXIT_USAGE } from '../cli-io.ts';
import { parseCommandArgs } from '../args.ts';

export const DIFF_HELP = [
  'Usage: diff A B [--json|--md]',
  '',
  'Compares two saved programs by meaning: predictors, instructions, fields, demos, lm settings and',
  'metadata. Key order, escapes, whitespace and number spelling are never differences.',
  'Exit status: 0 same in meaning, 1 different, 2 error.',
  '',
].join('\n');

function text(c: Comparison): string {
  const lines: string[] = [
    `A: ${c.a.label} (${c.a.formatLabel}${c.a.version ? ` ${c.a.version}` : ''})`,
    `B: ${c.b.label} (${c.b.formatLabel}${c.b.version ? ` ${c.b.version}` : ''})`,
  ];
  if (c.eraNote) lines.push(c.eraNote);
  lines.push(c.summary, ...c.predictors.map((p) => `  ${p.summary}`));
  for (const m of c.metadata) lines.push(`  metadata ${m.key}: ${JSON.stringify(m.a) ?? '—'} → ${JSON.stringify(m.b) ?? '—'}`);
  return lines.join('\n') + '\n';
}

async function diffCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(
    args.map((a) => (a === '-h' ? '--help' : a)),
    [],
    DIFF_HELP,
    io,
  );
  if (typeof parsed === 'number') return parsed;
  const unknown = [...parsed.flags.keys()].filter((f) => f !== 'json' && f !== 'md');
  if (unknown.length > 0 || parsed.positional.length !== 2 || (parsed.flags.has('json') && parsed.flags.has('md'))) {
    io.err(unknown.length > 0 ? `diff: unknown option --${unknown[0]}\n${DIFF_HELP}` : DIFF_HELP);
    return EXIT_USAGE;
  }
  const [fileA, fileB] = parsed.positional as [string, string];
  const sides = [];
  for (const file of [fileA, fileB]) {
    try {
      sides.push(await loadSide(await io.readFile(file), file));
    } catch (e) {
      const missing = e instanceof Error && (e as { code?: string }).code === 'ENOENT';
      const info = toErrorInfo(e, 'read');
      const where = info.offset !== undefined ? ` at byte ${info.offset}` : info.path !== undefined ? ` at ${info.path}` : '';
      io.err(`${file}: ${missing ? 'read' : info.layer}: ${missing ? (e as Error).message : info.message}${where}\n`);
      return EXIT_USAGE;
    }
  }
  const c = comparePrograms(sides[0]!, sides[1]!);
  io.out(parsed.flags.has('json') ? comparisonJson(c) : parsed.flags.has('md') ? comparisonMarkdown(c) : text(c));
  return c.same ? 0 : 1;
}

export const diffCommandEntry: CliCommand = {
  name: 'diff',
  summary: 'Compare two saved programs by meaning (exit 0 same, 1 different, 2 error).',
  run: diffCommand,
};
