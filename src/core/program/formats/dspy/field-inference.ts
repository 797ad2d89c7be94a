/**
 * DSPy never stores field names, and stores roles only by position (inputs first, then outputs).
 * Names come from `${name}` descriptions, augmented demo keys (bootstrapped demos are written
 * inputs-then-outputs in signature order) or prefixes; the input/output split from the reasoning
 * field (always the first output of a ChainOfThought), ReAct's `next_thought`, or the default
 * "Given the fields `a`, `b`, produce the fields `c`." instructions.
 */
import type { FieldInfo, FieldRole } from '../../model/program';

const REASONING_PREFIX = /^Reasoning:\s*Let's think step by step/i;

export const DEMO_FLAG_KEYS = new Set(['augmented', 'dspy_uuid', 'dspy_split']);

export function nameFromPrefix(prefix: string, legacyRationale: boolean): string | undefined {
  if (REASONING_PREFIX.test(prefix)) return legacyRationale ? 'rationale' : 'reasoning';
  const head = prefix.split(':')[0]?.trim() ?? '';
  const name = head
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return name === '' ? undefined : name;
}

export function nameFromDescription(desc: string): string | undefined {
  const m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(desc.trim());
  return m?.[1];
}

/** Field names of the first augmented demo, flags removed (signature order for bootstrapped demos). */
export function augmentedDemoKeys(demos: unknown): string[] | undefined {
  if (!Array.isArray(demos)) return undefined;
  // Only the first few demos are looked at: the count must stay cheap for 50,000 demos.
  const limit = Math.min(demos.length, 64);
  for (let i = 0; i < limit; i++) {
    const d: unknown = demos[i];
    if (d !== null && typeof d === 'object' && !Array.isArray(d) && (d as Record<string, unknown>).augmented === true) {
      return Object.keys(d).filter((k) => !DEMO_FLAG_KEYS.has(k));
    }
  }
  return undefined;
}

export function isReasoningField(f: FieldInfo): boolean {
  return (
    (f.prefix !== undefined && REASONING_PREFIX.test(f.prefix)) ||
    ((f.name === 'reasoning' || f.name === 'rationale') && (f.description === undefined || /^\$\{(reasoning|produce the answer)/.test(f.description)))
  );
}

/** Names of "Given the fields `a`, `b`, produce the fields `c`." (DSPy's default instructions). */
export function fieldsFromInstructions(instructions: string | undefined): { inputs: string[]; outputs: string[] } | undefined {
  if (instructions === undefined) return undefined;
  const m = /Given the (?:[\w ]+ )?fields\s+((?:`[^`]+`\s*,?\s*)+)(?:,?\s*produce the fields\s+((?:`[^`]+`\s*,?\s*)+))?/.exec(instructions);
  if (!m?.[1]) return undefined;
  const names = (s: string | undefined): string[] => (s ? [...s.matchAll(/`([^`]+)`/g)].map((x) => x[1] ?? '') : []);
  return { inputs: names(m[1]), outputs: names(m[2]) };
}

/** Sets `role` on every field in place, from the strongest evidence available. */
export function inferRoles(fields: FieldInfo[], instructions: string | undefined): void {
  let split = fields.findIndex(isReasoningField);
  if (split < 0) split = fields.findIndex((f) => f.name === 'next_thought');
  if (split < 0) {
    const given = fieldsFromInstructions(instructions);
    if (given && given.inputs.length > 0 && given.inputs.length < fields.length) {
      const head = fields.slice(0, given.inputs.length).map((f) => f.name);
      if (head.every((n, i) => n === given.inputs[i])) split = given.inputs.length;
    }
  }
  fields.forEach((f, i) => {
    let role: FieldRole = 'unknown';
    if (split >= 0) role = i < split ? 'input' : 'output';
    else if (i === fields.length - 1)
      role = 'output'; // outputs are stored last; a signature has at least one
    else if (i === 0) role = 'input'; // ...and inputs first: with two or more fields, the first is an input
    f.role = role;
  });
}
