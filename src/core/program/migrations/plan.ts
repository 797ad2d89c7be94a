/**
 * The planner: which family a program belongs to, which targets it can go to, and the chain of
 * steps that takes it there. Steps run one after another on the evolving value (each sees what
 * the previous ones did), and the whole chain becomes ONE edit whose inverse restores the value
 * exactly, key order included.
 */
import { analyzeProgram } from '../formats/analyze';
import type { DspyEra } from '../formats/dspy/eras';
import { FormatError } from '../../engine/errors';
import { applyWithInverse } from '../model/patch';
import type { Operation, Program } from '../model/program';
import { loadErrors, type LoadProblem } from './dspy-loader-check';
import { DEFAULT_DSPY_TARGET, dspyTargetById, dspyTargetsFor } from './dspy/dspy-targets';
import { DSPY_MIGRATIONS } from './dspy/dspy-migrations';
import { envelopeVersionOf, ENVELOPE_MIGRATIONS, KNOWN_ENVELOPE_VERSION } from './envelope/envelope-migrations';
import { orderFixOps } from './key-order';
import { compareSemVer, parseSemVer } from './semver';
import type { AppliedMigration, Migration, MigrationContext, MigrationFamily, MigrationPlan, MigrationTarget, PlannedStep, ReadOnly } from './types';

export interface PlanOptions {
  tryAnyway?: boolean;
}

export function familyOf(program: Program): MigrationFamily | undefined {
  if (program.adapterId === 'dspy-state') return 'dspy';
  if (program.adapterId === 'envelope' || program.adapterId === 'envelope-module') return 'envelope';
  return undefined;
}

const ENVELOPE_TARGET: MigrationTarget = { id: KNOWN_ENVELOPE_VERSION, version: KNOWN_ENVELOPE_VERSION, label: `Envelope ${KNOWN_ENVELOPE_VERSION}` };

/** A file newer than this app knows opens read-only: writing it back could drop what we do not understand. */
export function readOnlyReason(value: unknown, program: Program): ReadOnly | undefined {
  if (familyOf(program) !== 'envelope') return undefined;
  const version = envelopeVersionOf(value);
  const parsed = version !== undefined ? parseSemVer(version) : undefined;
  const known = parseSemVer(KNOWN_ENVELOPE_VERSION);
  if (!parsed || !known || compareSemVer(parsed, known) <= 0) return undefined;
  return {
    reason: `This file was written by envelope version ${version}, newer than ${KNOWN_ENVELOPE_VERSION}, the newest this app knows. It is open read-only, so nothing it holds can be lost by saving.`,
  };
}

/** Runs `migrations` in order on the evolving value; keeps the steps that change or report something. */
function runChain(value: unknown, program: Program, migrations: readonly Migration[], ctx: MigrationContext): { steps: PlannedStep[]; value: unknown } {
  let current = value;
  let prog = program;
  const steps: PlannedStep[] = [];
  for (const m of migrations) {
    const out = m.apply(current, prog, ctx);
    if (out.ops.length === 0 && out.notes.length === 0) continue;
    const step: PlannedStep = { id: m.id, from: m.from, to: m.to, description: m.description, notes: out.notes, ops: out.ops };
    if (m.prevents !== undefined) step.prevents = m.prevents;
    steps.push(step);
    if (out.ops.length > 0) {
      current = applyWithInverse(current, out.ops).value;
      prog = analyzeProgram(current);
    }
  }
  return { steps, value: current };
}

function dspyFrom(program: Program): string {
  const era = program.era !== undefined ? ` (era ${program.era})` : '';
  const v = program.version ?? 'unknown version';
  return `${v.startsWith('dspy-ai') ? v : `DSPy ${v}`}${era}`;
}

function planDspy(value: unknown, program: Program, targetId: string | undefined): MigrationPlan {
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
    return { family: 'dspy', from, target: undefined, targets, steps: [], needed: false, reason: `${from} is already newer than ${target.label}; migrating back is not supported.` };
  }
  const { steps } = runChain(value, program, DSPY_MIGRATIONS, { target, tryAnyway: false });
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

function planEnvelope(value: unknown, program: Program, targetId: string | undefined, tryAnyway: boolean): MigrationPlan {
  const version = envelopeVersionOf(value);
  const from = `envelope ${version ?? '(no version)'}`;
  const base: MigrationPlan = { family: 'envelope', from, target: ENVELOPE_TARGET, targets: [ENVELOPE_TARGET], steps: [], needed: false, reason: '' };
  if (targetId !== undefined && targetId !== ENVELOPE_TARGET.id) {
    return { ...base, reason: `Unknown envelope target "${targetId}" (known: ${KNOWN_ENVELOPE_VERSION}).` };
  }
  const readOnly = readOnlyReason(value, program);
  if (readOnly) return { ...base, readOnly, reason: readOnly.reason };
  const parsed = version !== undefined ? parseSemVer(version) : undefined;
  const known = parseSemVer(KNOWN_ENVELOPE_VERSION) as [number, number, number];
  if (version !== undefined && !parsed) return { ...base, reason: `Version "${version}" is not a semantic version (MAJOR.MINOR.PATCH); nothing to migrate.` };
  if (parsed && compareSemVer(parsed, known) === 0) return { ...base, reason: `Envelope ${version} is the current version.` };
  const ctx: MigrationContext = { target: ENVELOPE_TARGET, tryAnyway };
  // Steps whose `to` is newer than the file; without a version the file is taken for 1.0.0.
  const fromV = parsed ?? ([1, 0, 0] as [number, number, number]);
  const chain = ENVELOPE_MIGRATIONS.filter((m) => compareSemVer(parseSemVer(m.to) as [number, number, number], fromV) > 0);
  if (fromV[0] !== known[0]) {
    const message = `Envelope ${version ?? '?'} has major version ${fromV[0]}; this app reads major ${known[0]} (${KNOWN_ENVELOPE_VERSION}). The versions are incompatible.`;
    const incompatible = { fileVersion: version ?? '?', knownVersion: KNOWN_ENVELOPE_VERSION, message };
    if (!tryAnyway) return { ...base, needed: true, incompatible, reason: `${message} "Try anyway" runs the known cross-major steps.` };
    const { steps } = runChain(value, program, chain, ctx);
    return { ...base, needed: true, incompatible, steps, reason: `${message} Trying anyway with the known cross-major steps.` };
  }
  const { steps } = runChain(value, program, chain.filter((m) => (parseSemVer(m.from) as [number, number, number])[0] === known[0]), ctx);
  return { ...base, steps, needed: steps.some((s) => s.ops.length > 0), reason: `Saved as envelope ${version ?? '(no version)'}; ${KNOWN_ENVELOPE_VERSION} adds fields it lacks. Migrate…` };
}

export function planMigration(value: unknown, program: Program, targetId?: string, options: PlanOptions = {}): MigrationPlan {
  const family = familyOf(program);
  if (family === 'dspy') return planDspy(value, program, targetId);
  if (family === 'envelope') return planEnvelope(value, program, targetId, options.tryAnyway === true);
  return { family: undefined, from: program.formatLabel, target: undefined, targets: [], steps: [], needed: false, reason: `No migrations are known for ${program.formatLabel}.` };
}

function refuse(message: string): never {
  throw new FormatError({ code: 'unsupported', layer: 'migration', message });
}

/** The plan as one edit: forward ops, an inverse that restores the value exactly (key order too), notes, a label. */
export function applyPlan(value: unknown, program: Program, targetId?: string, options: PlanOptions = {}): AppliedMigration {
  const plan = planMigration(value, program, targetId, options);
  if (plan.readOnly) refuse(plan.readOnly.reason);
  if (plan.incompatible && options.tryAnyway !== true) refuse(plan.incompatible.message);
  if (!plan.target) refuse(plan.reason);
  const ops: Operation[] = plan.steps.flatMap((s) => s.ops);
  const forward = applyWithInverse(value, ops);
  const back = applyWithInverse(forward.value, forward.inverse);
  const inverse = [...forward.inverse, ...orderFixOps(value, back.value)];
  return {
    ops,
    inverse,
    notes: plan.steps.flatMap((s) => s.notes),
    label: `Migrate ${plan.from} to ${plan.target.label}`,
    value: forward.value,
  };
}
