/**
 * What a migration cannot decide alone, asked in the dialog: the fields of an era B predictor that
 * saved none (taken from a signature the user pastes, read by the prompt view's parser in the worker,
 * never run) and which instructions a ChainOfThought keeps when its two signatures disagree.
 */
import { useState } from 'react';
import type { MigrationAnswers, MigrationQuestion } from '../../core/program/model/migration';
import { WithCode } from './with-code';

type FieldsQuestion = Extract<MigrationQuestion, { kind: 'fields' }>;
type InstructionsQuestion = Extract<MigrationQuestion, { kind: 'instructions' }>;

function FieldsAsk({
  question,
  given,
  error,
  onGive,
}: {
  question: FieldsQuestion;
  given: string | undefined;
  error: string | undefined;
  onGive: (text: string | undefined) => void;
}) {
  const [text, setText] = useState(given ?? '');
  const id = `migrate-signature-${question.key}`;
  const answered = given !== undefined && error === undefined;
  return (
    <section className="migrate-question" aria-labelledby={`${id}-title`} data-testid="migrate-question">
      <h3 id={`${id}-title`}>
        Fields of <code>{question.key}</code>{' '}
        {answered ? <span className="badge accent">from your signature</span> : <span className="badge warn">not recovered</span>}
      </h3>
      <p>
        <WithCode text={question.message} />
      </p>
      <label className="migrate-question-label" htmlFor={id}>
        The signature, as a string (<code>question, context -&gt; answer</code>) or a <code>class … (dspy.Signature)</code> (read, never run)
      </label>
      <textarea
        id={id}
        className="mono"
        rows={4}
        spellCheck={false}
        value={text}
        aria-invalid={error !== undefined}
        aria-describedby={error !== undefined ? `${id}-error` : undefined}
        onChange={(e) => setText(e.currentTarget.value)}
      />
      {error !== undefined && (
        <p id={`${id}-error`} role="alert" className="migrate-problem">
          Not used: {error}
        </p>
      )}
      <div className="migrate-question-actions">
        <button type="button" className="button small" disabled={text.trim() === '' || text === given} onClick={() => onGive(text)}>
          Use this signature
        </button>
        {given !== undefined && (
          <button
            type="button"
            className="button small ghost"
            onClick={() => {
              setText('');
              onGive(undefined);
            }}
          >
            Leave the fields to my code
          </button>
        )}
      </div>
    </section>
  );
}

function InstructionsAsk({
  question,
  chosen,
  onChoose,
}: {
  question: InstructionsQuestion;
  chosen: 'signature' | 'extended' | undefined;
  onChoose: (c: 'signature' | 'extended') => void;
}) {
  const value = chosen ?? question.default;
  const name = `migrate-instructions-${question.key}`;
  const option = (which: 'signature' | 'extended', label: string, text: string) => (
    <label className={value === which ? 'migrate-choice chosen' : 'migrate-choice'}>
      <input type="radio" name={name} value={which} checked={value === which} onChange={() => onChoose(which)} />
      <span>
        <strong>{label}</strong>
        {which === question.default && <span className="badge subtle">default</span>}
        <span className="migrate-choice-text">{text}</span>
      </span>
    </label>
  );
  return (
    <fieldset className="migrate-question" data-testid="migrate-question">
      <legend>
        Instructions of <code>{question.key}</code>
      </legend>
      <p>
        <WithCode text={question.message} />
      </p>
      {option('extended', 'The extended signature’s', question.extended)}
      {option('signature', 'The plain signature’s', question.signature)}
      <p className="muted">Why the default: {question.why}</p>
    </fieldset>
  );
}

export function MigrationQuestions({
  questions,
  answers,
  errors,
  onAnswers,
}: {
  questions: readonly MigrationQuestion[];
  answers: MigrationAnswers;
  errors: Record<string, string> | undefined;
  onAnswers: (next: MigrationAnswers) => void;
}) {
  if (questions.length === 0) return null;
  return (
    <div className="migrate-questions" aria-label="Decisions the migration needs">
      {questions.map((q) =>
        q.kind === 'fields' ? (
          <FieldsAsk
            key={`f:${q.key}`}
            question={q}
            given={answers.signatures?.[q.key]}
            error={errors?.[q.key]}
            onGive={(text) => {
              const signatures = { ...answers.signatures };
              if (text === undefined) delete signatures[q.key];
              else signatures[q.key] = text;
              onAnswers({ ...answers, signatures });
            }}
          />
        ) : (
          <InstructionsAsk
            key={`i:${q.key}`}
            question={q}
            chosen={answers.instructions?.[q.key]}
            onChoose={(c) => onAnswers({ ...answers, instructions: { ...answers.instructions, [q.key]: c } })}
          />
        ),
      )}
    </div>
  );
}
