/** The worker's migration plan for the open document, asked again whenever the document changes. */
import type { PlanRequest, PlanSummary } from '../../core/program/migrations/plan-summary';
import { useWorkerQuery } from '../../state/session/use-worker-query';

export type PlanState = { kind: 'loading' } | { kind: 'ready'; plan: PlanSummary } | { kind: 'error'; message: string };

export function useMigrationPlan(request: PlanRequest, enabled = true): PlanState {
  const { target, tryAnyway, previewMaxChars, answers } = request;
  const params: PlanRequest = {};
  if (answers && (Object.keys(answers.instructions ?? {}).length > 0 || Object.keys(answers.signatures ?? {}).length > 0)) params.answers = answers;
  if (target !== undefined) params.target = target;
  if (tryAnyway) params.tryAnyway = true;
  if (previewMaxChars !== undefined) params.previewMaxChars = previewMaxChars;
  // The last plan stays shown while the next is made, so the questions (and what was typed into them) stay put.
  const query = useWorkerQuery('migrationPlan', enabled ? params : undefined, { keepWhileLoading: true });
  if (query.status === 'error') return { kind: 'error', message: query.error.message };
  if (query.status === 'ready') return { kind: 'ready', plan: query.data };
  if (query.status === 'loading' && query.data) return { kind: 'ready', plan: query.data };
  return { kind: 'loading' };
}
