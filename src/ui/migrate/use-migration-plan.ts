/** The worker's migration plan for the open document, asked again whenever the document changes. */
import { useEffect, useState } from 'react';
import { toErrorInfo } from '../../core/engine/errors';
import type { PlanRequest, PlanSummary } from '../../core/program/migrations/plan-summary';
import { useSession } from '../../state/session/session-store';

export type PlanState = { kind: 'loading' } | { kind: 'ready'; plan: PlanSummary } | { kind: 'error'; message: string };

export function useMigrationPlan(request: PlanRequest, enabled = true): PlanState {
  const client = useSession((s) => s.client);
  const revision = useSession((s) => s.revision);
  const [state, setState] = useState<PlanState>({ kind: 'loading' });
  const { target, tryAnyway, previewMaxChars } = request;

  useEffect(() => {
    if (!client || !enabled) return;
    let live = true;
    setState({ kind: 'loading' });
    const params: PlanRequest = {};
    if (target !== undefined) params.target = target;
    if (tryAnyway) params.tryAnyway = true;
    if (previewMaxChars !== undefined) params.previewMaxChars = previewMaxChars;
    client.call('migrationPlan', params).then(
      (plan) => live && setState({ kind: 'ready', plan }),
      (e: unknown) => live && setState({ kind: 'error', message: toErrorInfo(e, 'migration').message }),
    );
    return () => {
      live = false;
    };
  }, [client, revision, target, tryAnyway, previewMaxChars, enabled]);

  return state;
}
