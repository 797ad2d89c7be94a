/**
 * What the page shows about a program recovered from a pickle, beside the state itself: where it
 * came from, the code and secrets the pickle carries, and what the pickle knew that the state does
 * not store (field names and annotations, class names). The document is the recovered state JSON;
 * these facts travel with it and are laid over its analysis after every edit.
 */
import type { Program, RecoveredFacts } from '../../../model/program';

export type { RecoveredFacts };
import type { RecoveredProgram } from './recover-program';

export function recoveredFacts(rec: RecoveredProgram, source: string, container: 'dspy-folder' | 'mlflow' | 'pickle'): RecoveredFacts {
  const notes: string[] = [
    `Recovered from ${source} without running it: this is the state program.save("x.json") writes for this program. Saved as JSON, a plain program.load("x.json") of the same program class reads it, with no pickle.`,
    rec.rootByValue
      ? `The program class ${rec.rootClass} is carried by value: its code is inside the pickle.`
      : `The program class ${rec.rootClass} is pickled by reference: loading the pickle needs that exact code installed.`,
  ];
  for (const c of rec.code) {
    const where = c.file !== undefined ? ` (${c.file}${c.line !== undefined ? `, line ${c.line}` : ''})` : '';
    notes.push(`Code carried by value, run by Python when the pickle loads: ${c.kind} ${c.qualified}${where}.`);
  }
  for (const p of rec.pickleSecrets) notes.push(`The pickle holds a secret at ${p}; it is not written into the state.`);
  for (const p of rec.problems) notes.push(`Not recovered: ${p}`);
  const modules: RecoveredFacts['modules'] = {};
  for (const p of rec.parameters) {
    const warnings = p.signatureClass !== undefined && p.fields === undefined ? [`The signature (${p.signatureClass}) could not be read from the pickle.`] : [];
    modules[p.name] = {
      className: p.className,
      warnings,
      ...(p.fields ? { fields: p.fields.map((f) => ({ name: f.name, role: f.role, ...(f.annotation !== undefined ? { type: f.annotation } : {}) })) } : {}),
    };
  }
  const formatLabel = container === 'mlflow' ? `MLflow DSPy model (${source}), recovered` : `DSPy whole program (${source}), recovered`;
  return { source, formatLabel, notes, modules };
}

/** The facts laid over the analysis of the recovered state (in place). */
export function applyRecoveredFacts(program: Program, facts: RecoveredFacts): Program {
  program.formatLabel = facts.formatLabel;
  program.notes = [...facts.notes, ...program.notes.filter((n) => !n.startsWith('DSPy does not store field names'))];
  for (const mod of program.modules) {
    const known = facts.modules[mod.id];
    if (!known) continue;
    mod.className = known.className;
    if (known.warnings.length > 0) mod.warnings = [...(mod.warnings ?? []), ...known.warnings];
    const fields = mod.signature?.fields;
    if (fields && known.fields && known.fields.length === fields.length) {
      fields.forEach((f, i) => {
        const k = known.fields?.[i];
        if (!k) return;
        f.name = k.name;
        f.nameInferred = false;
        f.role = k.role;
        if (k.type !== undefined) f.type = k.type;
      });
    }
  }
  return program;
}
