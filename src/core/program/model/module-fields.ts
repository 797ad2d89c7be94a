/**
 * A module's signature and demos as any framework's writer needs them: fields by role and demos as
 * flat rows of plain keys (DSPy and the envelope both store them so). Shared by every kind that
 * converts programs into its own format.
 */
import { getAt, joinPointer } from '../../engine/json-pointer';
import { toDemo } from './demos';
import type { FieldInfo, ModuleInfo } from './program';

export function fieldsOf(mod: ModuleInfo, role: 'input' | 'output'): FieldInfo[] {
  return (mod.signature?.fields ?? []).filter((f) => f.role === role);
}

/** Demos as flat rows of plain keys, fields first, then flags. */
export function flatDemos(value: unknown, mod: ModuleInfo): Record<string, unknown>[] {
  const arr = mod.demosPointer !== undefined ? getAt(value, mod.demosPointer) : undefined;
  if (!Array.isArray(arr)) return [];
  return arr.map((raw, i) => {
    const demo = toDemo(raw, i, joinPointer(mod.demosPointer ?? '', i), mod);
    const row: Record<string, unknown> = {};
    for (const [k, v] of demo.fields) Object.defineProperty(row, k, { value: v, enumerable: true, writable: true, configurable: true });
    for (const k of Object.keys(demo.flags)) Object.defineProperty(row, k, { value: demo.flags[k], enumerable: true, writable: true, configurable: true });
    return row;
  });
}
