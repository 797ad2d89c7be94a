/**
 * Secrets saved by accident (DSPy `lm` dicts wrote `api_key` in plain text). Found by key name
 * anywhere outside demo arrays: demos are user data where a field called "token" is likely a
 * word, and skipping them keeps the scan cheap on 50,000 demos.
 */
import { isObject, normaliseKey } from './keys';
import { formatPointer } from '../../engine/json-pointer';
import type { ModuleInfo, Operation, Program, SecretFinding } from './program';

const NOT_SECRET = new Set(['sort_key', 'primary_key', 'foreign_key', 'cache_key', 'partition_key', 'key_key', 'dict_key']);

export const REDACTED = '[REDACTED]';

export function isSecretKey(rawKey: string): boolean {
  const k = normaliseKey(rawKey)
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[-\s]+/g, '_');
  if (NOT_SECRET.has(k)) return false;
  return (
    /^(api_?key|apikey|token|access_token|refresh_token|auth_token|bearer_token|password|passwd|secret|client_secret|authorization|private_key|secret_key)$/.test(
      k,
    ) || /_(api_?key|key|token|secret|password)$/.test(k)
  );
}

export function isSecretValue(v: unknown): boolean {
  if (typeof v === 'string') return v.trim() !== '' && v !== REDACTED;
  return typeof v === 'number' || typeof v === 'bigint';
}

/** Values the scan looks at, at most: a secret sits in a config, not a million-item array. */
export const SECRET_SCAN_BUDGET = 2_000_000;
/** Findings kept, at most: past this the file is a list of keys, and the first ones say enough. */
const MAX_FINDINGS = 1000;

/**
 * Walks without building a JSON pointer per value (a 500-deep path would make every visit cost
 * its depth): the path is a stack of keys, turned into a pointer only for a finding or for a
 * depth where a skipped demo array can be. Bounded by SECRET_SCAN_BUDGET values.
 */
export function findSecrets(value: unknown, modules: readonly ModuleInfo[] = [], maxDepth = 512, budget = SECRET_SCAN_BUDGET): SecretFinding[] {
  const skip = new Set<string>();
  let skipDepth = -1;
  for (const m of modules) {
    if (m.demosPointer === undefined) continue;
    skip.add(m.demosPointer);
    skipDepth = Math.max(skipDepth, m.demosPointer === '' ? 0 : m.demosPointer.split('/').length - 1);
  }
  const owners = modules.map((m) => m.pointer).sort((a, b) => b.length - a.length);
  const found: SecretFinding[] = [];
  const path: (string | number)[] = [];
  let left = budget;
  const walk = (v: unknown, depth: number): void => {
    if (depth > maxDepth || --left < 0 || found.length >= MAX_FINDINGS) return;
    if (depth <= skipDepth && skip.has(formatPointer(path))) return;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length && left > 0; i++) {
        const item: unknown = v[i];
        if (item === null || typeof item !== 'object') continue;
        path.push(i);
        walk(item, depth + 1);
        path.pop();
      }
    } else if (isObject(v)) {
      for (const k of Object.keys(v)) {
        const child = v[k];
        if (isSecretKey(k) && isSecretValue(child)) {
          const p = formatPointer([...path, k]);
          const f: SecretFinding = { pointer: p, key: k };
          const owner = owners.find((o) => p.startsWith(o + '/'));
          const mod = owner !== undefined ? modules.find((m) => m.pointer === owner) : undefined;
          if (mod) f.moduleId = mod.id;
          if (found.length < MAX_FINDINGS) found.push(f);
        } else if (child !== null && typeof child === 'object') {
          path.push(k);
          walk(child, depth + 1);
          path.pop();
        }
      }
    }
  };
  walk(value, 0);
  return found;
}

/** Ops replacing every flagged secret with "[REDACTED]" (the key stays, so the shape does too). */
export function redactSecrets(_value: unknown, program: Program): Operation[] {
  return program.secrets.map((s) => ({ op: 'replace', path: s.pointer, value: REDACTED }));
}
