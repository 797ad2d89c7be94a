/**
 * The fields an added, empty demo starts with: those the module's demos already use, in the order
 * they first appear, so the new demo looks like its siblings (a signature field that no saved demo
 * stores, e.g. a retrieved `context`, is not added). A module without demos yet gets the signature's
 * fields. Each value starts as the same kind of empty as the field's first saved value: "" or [] or {}.
 */
import { DEMO_FLAGS } from './demos';
import { isObject, normaliseKey } from './keys';
import type { ModuleInfo } from './program';

function emptyLike(value: unknown): unknown {
  if (Array.isArray(value)) return [];
  if (isObject(value)) return {};
  return '';
}

/** Field name -> first saved value, in first-seen order, over every demo of the module. */
function usedFields(mod: ModuleInfo, demos: readonly unknown[]): Map<string, unknown> {
  const used = new Map<string, unknown>();
  const take = (group: Record<string, unknown>, skipFlags: boolean) => {
    for (const key of Object.keys(group)) {
      const name = normaliseKey(key);
      if ((skipFlags && DEMO_FLAGS.has(name)) || used.has(name)) continue;
      used.set(name, group[key]);
    }
  };
  for (const raw of demos) {
    if (!isObject(raw)) continue;
    if (mod.demoShape === 'inputs-outputs') {
      for (const part of mod.demoParts ?? ['inputs', 'outputs']) {
        const group = raw[part];
        if (isObject(group)) take(group, false);
      }
    } else {
      take(raw, true);
    }
  }
  return used;
}

export function blankDemoFields(mod: ModuleInfo, demos: readonly unknown[]): Array<[string, unknown]> {
  const used = usedFields(mod, demos);
  if (used.size > 0) return [...used].map(([name, value]): [string, unknown] => [name, emptyLike(value)]);
  return (mod.signature?.fields ?? []).map((f): [string, unknown] => [f.name, '']);
}
