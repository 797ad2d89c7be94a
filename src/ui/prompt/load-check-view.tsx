/** "Will it load?": the pasted signature's syntax error with its place, or the differences DSPy would act on. */
import type { PromptView } from '../../core/program/prompt/render-module';

const VERDICT = {
  match: 'Matches: the saved fields line up with this signature, and the prompt uses its names and types.',
  differs: 'Loads, with differences: DSPy will not complain.',
  wrong: 'Loads wrong: DSPy will not complain, and saved descriptions land on the wrong fields.',
} as const;

export function LoadCheckView({ view }: { view: PromptView }) {
  if (view.signatureError) {
    return (
      <p className="inline-error" role="alert">
        {view.signatureError.message}
      </p>
    );
  }
  const check = view.check;
  if (!check) return null;
  return (
    <div className={`load-check verdict-${check.verdict}`} role="status" aria-label="Load check">
      <p className="verdict">{VERDICT[check.verdict]}</p>
      {check.items.length > 0 && (
        <ul>
          {check.items.map((item, i) => (
            <li key={i} className={`check-${item.severity}`}>
              <span className="badge subtle">{item.severity}</span> {item.message}
              <div className="muted">DSPy: {item.dspy}</div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
