/**
 * "Will it load?": a declared signature against a saved predictor, as DSPy's Predict.load_state
 * treats them. DSPy never refuses: it zips the saved fields onto the code's fields by position
 * (strict=False), so a reordered signature silently swaps descriptions, extra saved fields are
 * dropped and extra declared fields keep their own text. Each difference says what DSPy would do.
 */
import type { FieldInfo, ModuleInfo } from '../model/program';
import { REASONING_FIELD, type DeclaredField, type DeclaredSignature } from './signature-parser';

export type CheckSeverity = 'error' | 'warning' | 'info';

export interface CheckItem {
  severity: CheckSeverity;
  code: 'count' | 'order' | 'name' | 'role' | 'description' | 'demo-keys' | 'chain-of-thought';
  /** What differs. */
  message: string;
  /** What DSPy does about it when the program loads. */
  dspy: string;
  /** Positions (0-based) of the saved fields concerned. */
  positions?: number[];
}

export interface LoadCheck {
  /** "match": every field lines up; "differs": it loads, but not as the code means; "wrong": descriptions land on the wrong fields. */
  verdict: 'match' | 'differs' | 'wrong';
  items: CheckItem[];
  /** The declared fields as compared (with ChainOfThought's `reasoning` added when it was left out). */
  fields: DeclaredField[];
}

const quote = (s: string | undefined) => (s === undefined ? '(none)' : `"${s.length > 60 ? `${s.slice(0, 57)}…` : s}"`);

function savedName(f: FieldInfo): string | undefined {
  const m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec((f.description ?? '').trim());
  return m?.[1] ?? (f.nameInferred ? undefined : f.name);
}

/** The best name the file gives a field: its own, or the `${name}` of its description, else the inferred one. */
function evidenceName(f: FieldInfo): { name: string; sure: boolean } {
  const sure = savedName(f);
  return sure !== undefined ? { name: sure, sure: true } : { name: f.name, sure: false };
}

export function checkSignature(module: Pick<ModuleInfo, 'signature' | 'id'>, declared: DeclaredSignature, demoKeys: readonly string[] = []): LoadCheck {
  const saved = module.signature?.fields ?? [];
  let fields = declared.fields;
  const items: CheckItem[] = [];
  const hasReasoning = (fs: readonly { name: string }[]) => fs.some((f) => f.name === 'reasoning' || f.name === 'rationale');
  const savedReasoning = saved.findIndex((f) => f.name === 'reasoning' || f.name === 'rationale' || /^Reasoning:/.test(f.prefix ?? ''));
  if (savedReasoning >= 0 && !hasReasoning(fields) && fields.length === saved.length - 1) {
    const at = fields.findIndex((f) => f.role === 'output');
    const anchor = fields[at >= 0 ? at : fields.length - 1] as DeclaredField;
    fields = [
      ...fields.slice(0, at >= 0 ? at : fields.length),
      { ...REASONING_FIELD, line: anchor.line, column: anchor.column },
      ...fields.slice(at >= 0 ? at : fields.length),
    ];
    items.push({
      severity: 'info',
      code: 'chain-of-thought',
      message: 'The saved predictor has a `reasoning` field your signature does not declare.',
      dspy: 'dspy.ChainOfThought adds `reasoning` as the first output field; it is compared here with that field added.',
    });
  }
  const n = Math.min(fields.length, saved.length);
  if (fields.length !== saved.length) {
    const extraSaved = saved.slice(fields.length).map((f) => evidenceName(f).name);
    const extraDeclared = fields.slice(saved.length).map((f) => f.name);
    items.push({
      severity: 'error',
      code: 'count',
      message: `Your signature has ${fields.length} field${fields.length === 1 ? '' : 's'}; the saved predictor has ${saved.length}.`,
      dspy:
        fields.length < saved.length
          ? `DSPy loads without a word and drops the saved description${extraSaved.length === 1 ? '' : 's'} of ${extraSaved.map((x) => `\`${x}\``).join(', ')}.`
          : `DSPy loads without a word; ${extraDeclared.map((x) => `\`${x}\``).join(', ')} keep${extraDeclared.length === 1 ? 's' : ''} the text written in your code, not anything saved.`,
    });
  }
  // Order: a declared name the file places at another position means descriptions land on the wrong field.
  const positionsOf = new Map<string, number>();
  saved.forEach((f, i) => positionsOf.set(evidenceName(f).name, i));
  const moved: number[] = [];
  for (let i = 0; i < n; i++) {
    const d = fields[i] as DeclaredField;
    const s = saved[i] as FieldInfo;
    const ev = evidenceName(s);
    if (ev.name === d.name) continue;
    const j = positionsOf.get(d.name);
    if (j !== undefined && j !== i) {
      moved.push(i);
      items.push({
        severity: 'error',
        code: 'order',
        message: `\`${d.name}\` is field ${i + 1} in your signature but field ${j + 1} in the file (where field ${i + 1} is \`${ev.name}\`).`,
        dspy: `DSPy applies saved fields by position: \`${d.name}\` gets the description ${quote(s.description)} and prefix ${quote(s.prefix)} saved for \`${ev.name}\`, and its demos' values are looked up under the name \`${d.name}\`.`,
        positions: [i, j],
      });
    } else {
      items.push({
        severity: ev.sure ? 'error' : 'warning',
        code: 'name',
        message: ev.sure
          ? `Field ${i + 1} is \`${d.name}\` in your signature; the file's description names it \`${ev.name}\`.`
          : `Field ${i + 1} is \`${d.name}\` in your signature; the file does not store names, and \`${ev.name}\` was inferred.`,
        dspy: `DSPy gives \`${d.name}\` the saved description ${quote(s.description)}${ev.sure ? ', meant for another field' : ''}.`,
        positions: [i],
      });
    }
  }
  // Input/output split, where the file knows the role.
  for (let i = 0; i < n; i++) {
    const d = fields[i] as DeclaredField;
    const s = saved[i] as FieldInfo;
    if (s.role !== 'unknown' && s.role !== d.role && !moved.includes(i)) {
      items.push({
        severity: 'error',
        code: 'role',
        message: `Field ${i + 1} (\`${d.name}\`) is an ${d.role} in your signature but an ${s.role} in the file.`,
        dspy: `DSPy keeps your code's roles; the saved ${s.role} text ${quote(s.description)} describes an ${d.role} now, and demos are split by your roles.`,
        positions: [i],
      });
    }
  }
  const names = new Set(fields.map((f) => f.name));
  const strangers = demoKeys.filter((k) => !names.has(k));
  if (strangers.length > 0) {
    items.push({
      // Labels kept beside the fields (gold_titles, ...) are common and harmless: worth knowing, not a load problem.
      severity: 'info',
      code: 'demo-keys',
      message: `Demos hold ${strangers.map((k) => `\`${k}\``).join(', ')}, which your signature does not declare.`,
      dspy: 'DSPy keeps them in the demos but leaves them out of the prompt; a demo missing a declared field is shown as incomplete.',
    });
  }
  const verdict = items.some((i) => i.code === 'order' || (i.code === 'name' && i.severity === 'error') || i.code === 'role')
    ? 'wrong'
    : items.some((i) => i.severity !== 'info')
      ? 'differs'
      : 'match';
  return { verdict, items, fields };
}
