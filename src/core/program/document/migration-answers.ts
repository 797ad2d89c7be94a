/**
 * The user's answers to a migration plan's questions, as the page gives them (a choice per
 * predictor, a signature pasted as text), turned into the choices the migration steps read. A pasted
 * signature is read by the prompt view's own parser (never run); a text it refuses is reported for its
 * predictor, with line and column, and that predictor is planned as if unanswered.
 */
import type { ChosenField, MigrationAnswers, MigrationChoices } from '../model/migration';
import { parseSignature } from '../prompt/signature-parser';

export interface ReadAnswers {
  choices: MigrationChoices;
  /** Per predictor key: why its pasted signature was not used. */
  errors: Record<string, string>;
}

export function readAnswers(answers: MigrationAnswers | undefined): ReadAnswers {
  const choices: MigrationChoices = {};
  const errors: Record<string, string> = {};
  if (answers?.instructions && Object.keys(answers.instructions).length > 0) choices.instructions = { ...answers.instructions };
  for (const [key, text] of Object.entries(answers?.signatures ?? {})) {
    if (text.trim() === '') continue;
    try {
      const fields: ChosenField[] = parseSignature(text).fields.map((f) => ({
        name: f.name,
        role: f.role,
        ...(f.prefix !== undefined ? { prefix: f.prefix } : {}),
        ...(f.desc !== undefined ? { description: f.desc } : {}),
      }));
      (choices.fields ??= {})[key] = fields;
    } catch (e) {
      errors[key] = e instanceof Error ? e.message : String(e);
    }
  }
  return { choices, errors };
}
