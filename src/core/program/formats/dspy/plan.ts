/** Planning a DSPy migration: the release lines a file can go to, the chain of steps, and why it is needed. */
import type { MigrationPlan, MigrationTarget } from '../../model/migration';
import type { Program } from '../../model/program';
import type { KindMigrations, MigrationTools } from '../kind';
import { noMigrationPlan } from '../../model/migration';
import type { DspyEra } from './eras';
import { DSPY_MIGRATIONS } from './migrations/dspy-migrations';
import { DEFAULT_DSPY_TARGET, dspyTargetById, dspyTargetsFor } from './migrations/dspy-targets';
import { checkDspyLoad, loadErrors, type LoadProblem } from './migrations/loader-check';

function dspyFrom(program: Program): string {
  const era = program.era !== undefined ? ` (era ${program.era})` : '';
  const v = program.version ?? 'unknown version';
  return `${v.startsWith('dspy-ai') ? v : `DSPy ${v}`}${era}`;
}

/** The first release line (of the ones that matter for loading) that refuses the file. */
function firstFailingRelease(value: unknown): { line: string; problems: LoadProblem[] } | undefined {
  const lines: Array<[string, string]> = [
    ['2.5.6', '2.5.6'],
    ['2.5.43', '2.5.43'],
    ['2.6.0', '2.6'],
    ['2.6.9', '2.6.9'],
    ['3.3.1', '3.x'],
  ];
  for (const [version, line] of lines) {
    const problems = loadErrors(value, version);
    if (problems.length > 0) return { line, problems };
  }
  return undefined;
}

function planDspy(value: unknown, program: Program, targetId: string | undefined, tools: MigrationTools): MigrationPlan {
  const era = program.era as DspyEra | undefined;
  const targets = dspyTargetsFor(era);
  const from = dspyFrom(program);
  const target = targetId !== undefined ? dspyTargetById(targetId) : targets[0];
  if (!target) {
    const known = targetId !== undefined ? dspyTargetById(targetId) : undefined;
    const reason = known
      ? `${from} is already newer than ${known.label}; migrating back is not supported.`
      : `Unknown DSPy target "${targetId ?? ''}" (known: ${targets.map((t) => t.id).join(', ')}).`;
    return { family: 'dspy', from, target: undefined, targets, steps: [], needed: false, reason };
  }
  if (!targets.some((t) => t.id === target.id)) {
    return {
      family: 'dspy',
      from,
      target: undefined,
      targets,
      steps: [],
      needed: false,
      reason: `${from} is already newer than ${target.label}; migrating back is not supported.`,
    };
  }
  const { steps } = tools.runChain(value, program, DSPY_MIGRATIONS, { target, tryAnyway: false, ...(tools.choices ? { choices: tools.choices } : {}) });
  const newest = DEFAULT_DSPY_TARGET;
  const blocking = loadErrors(value, target.version);
  const newestBlocking = loadErrors(value, newest.version);
  const needed = blocking.length > 0 || newestBlocking.length > 0;
  const changes = steps.some((s) => s.ops.length > 0);
  let reason: string;
  const failing = needed ? firstFailingRelease(value) : undefined;
  if (failing) {
    const first = failing.problems[0] as LoadProblem;
    reason = `Saved with ${from}. DSPy ${failing.line}+ cannot load this file (${first.message} at ${first.path || '(root)'}).`;
  } else if (changes) {
    reason = `Saved with ${from}. ${target.label} loads it; migrating writes it in ${target.label}'s layout.`;
  } else {
    reason = `${target.label} loads this file as it is.`;
  }
  return { family: 'dspy', from, target, targets, steps, needed, reason };
}

export const dspyMigrations: KindMigrations = {
  plan(value, program, targetId, tools) {
    // Only the state JSON migrates; a whole-program save's modules live in its pickle.
    if (program.format !== 'dspy-state') {
      return noMigrationPlan(program);
    }
    return planDspy(value, program, targetId, tools);
  },
  stillRefused(value: unknown, target: MigrationTarget): string[] {
    return checkDspyLoad(value, target.version)
      .filter((p) => p.kind !== 'warning')
      .map((p) => `DSPy ${target.version} would still raise ${p.message} at ${p.path}`);
  },
};
