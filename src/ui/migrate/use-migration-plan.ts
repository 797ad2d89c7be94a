/** The worker's migration plan for the open document, asked again whenever the document changes. */
import type { PlanRequest, PlanSummary } from '../../core/program/migrations/plan-summary';
import { useWorkerQuery } from '../../state/session/use-worker-query';

export type PlanState = { kind: 'loading' } | { kind: 'ready'; plan: PlanSummary } | { kind: 'error'; message: string };

export function useMigrationPlan(request: PlanRequest, enabled = true): PlanState {
  const { target, tryAnyway, previewMaxChars } = request;
  const params: PlanRequest = {};
  if (target !== undefined) params.target = target;
  if (tryAnyway) params.tryAnyway = true;
  if (previewMaxChars !== undefined) params.previewMaxChars = previewMaxChars;
  const query = useWorkerQuery('migrationPlan', enabled ? params : undefined);
  if (query.status === 'error') return { kind: 'error', message: query.error.message };
  if (query.status === 'ready') return { kind: 'ready', plan: query.data };
  return { kind: 'loading' };
}
