/**
 * The planner: which kind's migrations a program has, which targets it can go to, and the chain of
 * steps that takes it there. Each kind plans its own versions (formats/<kind>); this runs the
 * chain for it: steps run one after another on the evolving value (each sees what the previous
 * ones did), and the whole chain becomes ONE edit whose inverse restores the value exactly, key
 * order included.
 */
import { analyzeProgram, kindOf } from '../formats/analyze';
import { FormatError } from '../../engine/errors';
import { orderFixOps } from '../model/key-order';
import type { AppliedMigration, Migration, MigrationChoices, MigrationContext, MigrationPlan, PlannedStep, ReadOnly } from '../model/migration';
import { noMigrationPlan } from '../model/migration';
import { applyWithInverse } from '../model/patch';
import type { Operation, Program } from '../model/program';

export interface PlanOptions {
  tryAnyway?: boolean;
  /** The user's answers to the plan's questions. */
  choices?: MigrationChoices;
}

/** A file newer than this app knows opens read-only: writing it back could drop what we do not understand. */
export function readOnlyReason(value: unknown, program: Program): ReadOnly | undefined {
  return kindOf(program).migrations?.readOnly?.(value, program);
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
    if (out.questions?.length) step.questions = out.questions;
    steps.push(step);
    if (out.ops.length > 0) {
      current = applyWithInverse(current, out.ops).value;
      prog = analyzeProgram(current);
    }
  }
  return { steps, value: current };
}

export function planMigration(value: unknown, program: Program, targetId?: string, options: PlanOptions = {}): MigrationPlan {
  const migrations = kindOf(program).migrations;
  if (migrations) {
    const plan = migrations.plan(value, program, targetId, {
      tryAnyway: options.tryAnyway === true,
      ...(options.choices ? { choices: options.choices } : {}),
      runChain,
    });
    const questions = plan.steps.flatMap((s) => s.questions ?? []);
    return questions.length > 0 ? { ...plan, questions } : plan;
  }
  return noMigrationPlan(program);
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
