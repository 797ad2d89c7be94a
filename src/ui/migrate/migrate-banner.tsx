/**
 * Shown under the program bar when the open file needs or can take a migration ("Saved with DSPy …
 * (era B). DSPy 2.5.6+ cannot load this file …"), when its major version is incompatible, or when it
 * is newer than the app knows and therefore open read-only.
 */
import { useEffect, useState } from 'react';
import { afterPaint } from '../../state/idle';
import { useSession } from '../../state/session/session-store';
import { MigrateDialog } from './migrate-dialog';
import { useMigrationPlan } from './use-migration-plan';
import './migrate.css';

export function MigrateBanner() {
  // A new document's plan is asked for once its first paint is done: the worker answers the tree's
  // and the first card's questions first (the banner only ever adds to what is shown).
  const generation = useSession((s) => s.generation);
  const [askedFor, setAskedFor] = useState<number>();
  useEffect(() => (askedFor === generation ? undefined : afterPaint(() => setAskedFor(generation))), [askedFor, generation]);
  const state = useMigrationPlan({}, askedFor === generation);
  const [dialog, setDialog] = useState<{ tryAnyway: boolean }>();
  const [dismissed, setDismissed] = useState<string>();
  const plan = state.kind === 'ready' ? state.plan : undefined;

  if (plan?.readOnly) {
    return (
      <div className="migrate-banner read-only" role="status" data-testid="readonly-banner">
        <span className="badge warn">Read-only</span>
        <span className="migrate-banner-text">{plan.readOnly.reason}</span>
      </div>
    );
  }
  const show = plan && (plan.needed || plan.available) && dismissed !== plan.reason;
  return (
    <>
      {show && (
        <div className={`migrate-banner${plan.needed ? ' needed' : ''}`} role="status" data-testid="migrate-banner">
          <span className={`badge ${plan.needed ? 'warn' : 'subtle'}`}>{plan.needed ? 'Migration needed' : 'Migration available'}</span>
          <span className="migrate-banner-text">{plan.reason}</span>
          <span className="migrate-banner-actions">
            {plan.incompatible ? (
              <button type="button" className="button small" onClick={() => setDialog({ tryAnyway: true })}>
                Try anyway…
              </button>
            ) : (
              <button type="button" className="button small primary" onClick={() => setDialog({ tryAnyway: false })} data-testid="migrate-open">
                Migrate…
              </button>
            )}
            <button type="button" className="icon-button" aria-label="Dismiss" title="Dismiss" onClick={() => setDismissed(plan.reason)}>
              ✕
            </button>
          </span>
        </div>
      )}
      {dialog && <MigrateDialog tryAnyway={dialog.tryAnyway} onClose={() => setDialog(undefined)} />}
    </>
  );
}
