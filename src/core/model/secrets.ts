/**
 * Secrets saved by accident (DSPy `lm` dicts wrote `api_key` in plain text). Found by key name
 * anywhere outside demo arrays: demos are user data where a field called "token" is likely a
 * word, and skipping them keeps the scan cheap on 50,000 demos.
 */
import { isObject, normaliseKey } from './keys';
import { joinPointer } from '../json-pointer';
import type { ModuleInfo, Operation, Program, SecretFinding } from './program';

const NOT_SECRET = new Set(['sort_key', 'primary_key', 'foreign_key', 'cache_key', 'partition_key', 'key_key', 'dict_key']);

export const REDACTED = '[REDACTED]';

export function isSecretKey(rawKey: string): boolean {
  const k = normaliseKey(rawKey)
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[-\s]+/g, '_');
  if (NOT_SECRET.has(k)) return false;
  return /^(api_?key|apikey|token|access_token|refresh_token|auth_token|bearer_token|password|passwd|secret|client_secret|authorization|private_key|secret_key)$/.test(k) ||
    /_(api_?key|key|token|secret|password)$/.test(k);
}

export function isSecretValue(v: unknown): boolean {
  if (typeof v === 'string') return v.trim() !== '' && v !== REDACTED;
  return typeof v === 'number' || typeof v === 'bigint';
}

export function findSecrets(value: unknown, modules: readonly ModuleInfo[] = [], maxDepth = 512): SecretFinding[] {
  const skip = new Set<string>();
  for (const m of modules) if (m.demosPointer !== undefined) skip.add(m.demosPointer);
  const owners = modules.map((m) => m.pointer).sort((a, b) => b.length - a.length);
  const found: SecretFinding[] = [];
  const walk = (v: unknown, ptr: string, depth: number): void => {
    if (depth > maxDepth || skip.has(ptr)) return;
    if (Array.isArray(v)) {
      v.forEach((item, i) => walk(item, joinPointer(ptr, i), depth + 1));
    } else if (isObject(v)) {
      for (const k of Object.keys(v)) {
        const child = v[k];
        const p = joinPointer(ptr, k);
        if (isSecretKey(k) && isSecretValue(child)) {
          const f: SecretFinding = { pointer: p, key: k };
          const owner = owners.find((o) => p.startsWith(o + '/'));
          const mod = owner !== undefined ? modules.find((m) => m.pointer === owner) : undefined;
          if (mod) f.moduleId = mod.id;
          found.push(f);
        } else {
          walk(child, p, depth + 1);
        }
      }
    }
  };
  walk(value, '', 0);
  return found;
}

/** Ops replacing every flagged secret with "[REDACTED]" (the key stays, so the shape does too). */
export function redactSecrets(_value: unknown, program: Program): Operation[] {
  return program.secrets.map((s) => ({ op: 'replace', path: s.pointer, value: REDACTED }));
}
