/**
 * The plan as the page sees it: steps without their operations (they can be large), and on request
 * a preview of the whole program before and after as JSON text, refused above a size the page can
 * diff. Plain data, so it crosses the worker boundary as is.
 */
import type { Program } from '../model/program';
import { applyPlan, planMigration } from './plan';
import type { MigrationAnswers, MigrationChoices, MigrationPlan, PlannedStep } from '../model/migration';

export interface StepSummary extends Omit<PlannedStep, 'ops'> {
  /** How many JSON Patch operations the step makes (0: it only reports). */
  opCount: number;
}

export interface PlanSummary extends Omit<MigrationPlan, 'steps'> {
  steps: StepSummary[];
  /** The step list changes something. */
  available: boolean;
  preview?: { before: string; after: string } | { tooLarge: number };
  /** Per predictor key: why the answer given for it could not be used (a pasted signature that does not parse). */
  answerErrors?: Record<string, string>;
}

export interface PlanRequest {
  target?: string;
  tryAnyway?: boolean;
  /** Ask for the before/after text, up to this many characters each. */
  previewMaxChars?: number;
  /** The user's answers to the plan's questions (the document reads them into MigrationChoices). */
  answers?: MigrationAnswers;
}

export function programJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2) ?? 'null';
}

/** `choices`: the user's answers to the plan's questions, already read (see document/migration-answers). */
export function summarizePlan(value: unknown, program: Program, request: PlanRequest = {}, choices?: MigrationChoices): PlanSummary {
  const options = { tryAnyway: request.tryAnyway === true, ...(choices ? { choices } : {}) };
  const plan = planMigration(value, program, request.target, options);
  const steps = plan.steps.map(({ ops, ...rest }): StepSummary => ({ ...rest, opCount: ops.length }));
  const available = steps.some((s) => s.opCount > 0);
  const summary: PlanSummary = { ...plan, steps, available };
  const canApply = available && plan.target !== undefined && !plan.readOnly && (!plan.incompatible || options.tryAnyway);
  if (request.previewMaxChars !== undefined && canApply) {
    const before = programJson(value);
    if (before.length > request.previewMaxChars) {
      summary.preview = { tooLarge: before.length };
    } else {
      const after = programJson(applyPlan(value, program, request.target, options).value);
      summary.preview = after.length > request.previewMaxChars ? { tooLarge: after.length } : { before, after };
    }
  }
  return summary;
}
