/**
 * The migration dialog: pick a target, read the plan (each step, the error it prevents, its notes),
 * look at the whole program before and after, and apply it as one undoable edit.
 */
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { StepSummary } from '../../core/program/migrations/plan-summary';
import type { MigrationAnswers, MigrationQuestion } from '../../core/program/model/migration';
import { applyMigration } from './apply-migration';
import { MigrationQuestions } from './migration-questions';
import { useMigrationPlan } from './use-migration-plan';
import { WithCode } from './with-code';
import './migrate.css';

const JsonDiff = lazy(() => import('../editor/json-diff'));

/**
 * Each preview gets its own diff editor: Monaco's hidden-unchanged-regions view throws when its models
 * change under a diff still being computed ("startLineNumber … cannot be after endLineNumberExclusive"),
 * so a new plan replaces the editor rather than the text inside it.
 */
const previewIds = new WeakMap<object, number>();
let nextPreviewId = 0;
function previewKey(preview: object): number {
  let id = previewIds.get(preview);
  if (id === undefined) previewIds.set(preview, (id = nextPreviewId++));
  return id;
}

/** Characters of program text the preview diffs; larger programs show the plan only. */
const MAX_PREVIEW_CHARS = 3_000_000;

function Step({ step, index }: { step: StepSummary; index: number }) {
  return (
    <li className="migrate-step" data-testid="migrate-step">
      <div className="migrate-step-head">
        <span className="migrate-step-index">{index + 1}</span>
        <span className="migrate-step-text">
          <WithCode text={step.description} />
        </span>
        {step.opCount === 0 && <span className="badge subtle">report only</span>}
      </div>
      <div className="migrate-step-meta muted">
        <code>{step.id}</code> · {step.from} → {step.to}
      </div>
      {step.prevents && (
        <div className="migrate-step-prevents">
          <span className="muted">Prevents:</span> <span className="mono">{step.prevents}</span>
        </div>
      )}
      {step.notes.length > 0 && (
        <ul className="migrate-notes">
          {step.notes.map((n, i) => (
            <li key={i}>
              <WithCode text={n} />
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

export function MigrateDialog({ tryAnyway: initialTryAnyway = false, onClose }: { tryAnyway?: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [target, setTarget] = useState<string>();
  const [tryAnyway, setTryAnyway] = useState(initialTryAnyway);
  const [applying, setApplying] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [answers, setAnswers] = useState<MigrationAnswers>({});
  const state = useMigrationPlan({ ...(target !== undefined ? { target } : {}), tryAnyway, previewMaxChars: MAX_PREVIEW_CHARS, answers });
  const plan = state.kind === 'ready' ? state.plan : undefined;
  const answerErrors = plan?.answerErrors;
  const canApply =
    plan !== undefined && plan.available && plan.target !== undefined && !plan.readOnly && (!plan.incompatible || tryAnyway) && answerErrors === undefined;
  // A question stays on screen once answered (an answered fields question leaves the plan): keep each one seen.
  const [asked, setAsked] = useState<MigrationQuestion[]>([]);
  const planQuestions = plan?.questions;
  useEffect(() => {
    if (!planQuestions) return;
    setAsked((seen) => {
      const fresh = planQuestions.filter((q) => !seen.some((s) => s.kind === q.kind && s.key === q.key));
      const updated = seen.map((s) => planQuestions.find((q) => q.kind === s.kind && q.key === s.key) ?? s);
      return fresh.length === 0 && updated.every((q, i) => q === seen[i]) ? seen : [...updated, ...fresh];
    });
  }, [planQuestions]);
  const shownQuestions = asked.filter(
    (q) => planQuestions?.some((p) => p.kind === q.kind && p.key === q.key) || (q.kind === 'fields' && answers.signatures?.[q.key] !== undefined),
  );

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const apply = async () => {
    setApplying(true);
    setProblem(undefined);
    const failed = await applyMigration(plan?.target?.id, tryAnyway, answers);
    setApplying(false);
    if (failed) setProblem(failed);
    else ref.current?.close();
  };

  return (
    <dialog ref={ref} className="modal migrate-dialog" aria-labelledby="migrate-title" onClose={onClose} data-testid="migrate-dialog">
      <div className="modal-head">
        <h2 id="migrate-title">Migrate this program</h2>
        <button type="button" className="button ghost small" onClick={() => ref.current?.close()} aria-label="Close">
          ✕
        </button>
      </div>
      <div className="migrate-controls">
        <label className="migrate-target">
          <span>Target</span>
          <select
            className="select"
            value={plan?.target?.id ?? target ?? ''}
            onChange={(e) => setTarget(e.target.value)}
            disabled={!plan || plan.targets.length === 0}
            data-testid="migrate-target"
          >
            {plan?.targets.map((t) => (
              <option key={t.id} value={t.id}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
        {plan && <span className="muted">from {plan.from}</span>}
        {plan?.incompatible && (
          <label className="migrate-try">
            <input type="checkbox" checked={tryAnyway} onChange={(e) => setTryAnyway(e.target.checked)} data-testid="migrate-try-anyway" />
            Try anyway (run the known cross-major steps)
          </label>
        )}
      </div>
      {state.kind === 'loading' && <p className="muted">Planning…</p>}
      {state.kind === 'error' && <p role="alert">The plan could not be made: {state.message}</p>}
      {plan && (
        <>
          <p className={plan.needed ? 'migrate-reason needed' : 'migrate-reason'} data-testid="migrate-reason">
            {plan.reason}
          </p>
          <MigrationQuestions questions={shownQuestions} answers={answers} errors={answerErrors} onAnswers={setAnswers} />
          {plan.steps.length > 0 ? (
            <ol className="migrate-steps" aria-label="Migration steps" tabIndex={0}>
              {plan.steps.map((s, i) => (
                <Step key={s.id} step={s} index={i} />
              ))}
            </ol>
          ) : (
            <p className="muted">No step changes this file for {plan.target?.label ?? 'this target'}.</p>
          )}
          {plan.preview && 'tooLarge' in plan.preview && (
            <p className="muted">
              The program is too large to preview as a diff ({plan.preview.tooLarge.toLocaleString('en-US')} characters); the steps above are what will change.
            </p>
          )}
          {plan.preview && 'after' in plan.preview && (
            <section className="migrate-preview" aria-label="Preview: the whole program before and after" data-testid="migrate-preview">
              <div className="migrate-preview-head muted">
                <span>Before</span>
                <span>After</span>
              </div>
              <div className="migrate-preview-body">
                <Suspense fallback={<div className="placeholder muted">Loading the diff…</div>}>
                  <JsonDiff
                    key={previewKey(plan.preview)}
                    original={plan.preview.before}
                    modified={plan.preview.after}
                    originalPath="inmemory://migration/before.json"
                    modifiedPath="inmemory://migration/after.json"
                    hideUnchanged
                  />
                </Suspense>
              </div>
            </section>
          )}
        </>
      )}
      {problem && (
        <p role="alert" className="migrate-problem">
          Not applied: {problem}
        </p>
      )}
      <div className="migrate-actions">
        <span className="muted">Applying is one step in the history: Undo (Ctrl+Z) takes it back.</span>
        <button type="button" className="button" onClick={() => ref.current?.close()}>
          Cancel
        </button>
        <button type="button" className="button primary" disabled={!canApply || applying} onClick={() => void apply()} data-testid="migrate-apply">
          {applying ? 'Applying…' : `Apply migration${plan?.target ? ` to ${plan.target.label}` : ''}`}
        </button>
      </div>
    </dialog>
  );
}
