/**
 * Tree-level mutations of a decoded program: a value's type changed, a key renamed to one the
 * adapters look for (or to `__proto__`), a subtree copied elsewhere or nested deep, arrays grown.
 * Byte mutations rarely get past a JSON parser; these reach the adapters, the views and export.
 */
import type { Random } from './random';

type Tree = unknown;

/** Keys the program adapters and views read; renaming to one of them steers into their code. */
const KEYS = [
  'demos',
  'signature',
  'instructions',
  'fields',
  'prefix',
  'description',
  'lm',
  'traces',
  'train',
  'metadata',
  'dependency_versions',
  'dspy',
  'version',
  'program',
  'modules',
  'module',
  'parent_program',
  'timestamp',
  'exported_at',
  'extended_signature',
  'self',
  'predictors',
  'api_key',
  'k',
  '__proto__',
  'constructor',
  '',
  '0',
  'augmented',
];

function weird(rng: Random): Tree {
  switch (rng.int(14)) {
    case 0:
      return null;
    case 1:
      return rng.chance(0.5);
    case 2:
      return rng.pick([0, -1, 1.5, 2 ** 53 + 2, -(2 ** 63), 1e308, 5e-324, -0]);
    case 3:
      return '';
    case 4:
      return 'x'.repeat(1 + rng.small(5000));
    case 5:
      return [];
    case 6:
      return {};
    case 7:
      return rng.pick(['3.0.3', '2.4.0', '1.0.0', '99.0.0', 'not-a-version', '${question}', 'Question:', '\u0000', '\ud800', '💥']);
    case 8:
      return rng.pick(['question -> answer', 'a: string, b: int -> c: list[str]', '->', 'x ->', ' -> y']);
    case 9:
      return Array.from({ length: 1 + rng.small(64) }, (_, i) => ({ question: `q${i}`, answer: i }));
    case 10:
      return { instructions: 'x', fields: [{ prefix: 'Q:', description: '${q}' }] };
    case 11:
      return { version: rng.pick(['1.0.0', '1.1.0', '2.0.0', 1]), program: {}, metadata: {} };
    case 12:
      return rng.pick([1, 12, 123456789]) * 10 ** rng.int(20);
    default:
      return [[[[[[]]]]]];
  }
}

/** Every container in the tree with the key (or index) of each child, for picking a place. */
function places(root: Tree, out: Array<{ parent: Record<string, unknown> | unknown[]; key: string | number }> = [], depth = 0): typeof out {
  if (depth > 40 || root === null || typeof root !== 'object' || root instanceof Uint8Array) return out;
  if (Array.isArray(root)) {
    root.forEach((v, i) => {
      out.push({ parent: root, key: i });
      places(v, out, depth + 1);
    });
  } else {
    for (const k of Object.keys(root)) {
      out.push({ parent: root as Record<string, unknown>, key: k });
      places((root as Record<string, unknown>)[k], out, depth + 1);
    }
  }
  return out;
}

function get(parent: Record<string, unknown> | unknown[], key: string | number): Tree {
  return (parent as Record<string | number, unknown>)[key];
}

function set(parent: Record<string, unknown> | unknown[], key: string | number, value: Tree): void {
  if (Array.isArray(parent)) parent[key as number] = value;
  else Object.defineProperty(parent, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Renames a key in place, keeping the key order (adapters read order for DSPy eras). */
function rename(parent: Record<string, unknown>, from: string, to: string): void {
  const entries = Object.entries(parent);
  for (const k of Object.keys(parent)) delete parent[k];
  for (const [k, v] of entries) set(parent, k === from ? to : k, v);
}

/** Trees stay about this small (nodes plus string characters): growth past it tests speed, not correctness. */
const MAX_SIZE = 64 * 1024;

/** The tree's size in nodes plus string characters, counted up to `cap` only. */
function sizeOf(root: Tree, cap = MAX_SIZE): number {
  let size = 0;
  const stack: Tree[] = [root];
  while (stack.length > 0 && size <= cap) {
    const v = stack.pop();
    size += typeof v === 'string' ? v.length + 1 : 1;
    if (v !== null && typeof v === 'object' && !(v instanceof Uint8Array)) stack.push(...(Array.isArray(v) ? v : Object.values(v)));
  }
  return size;
}

/** One to four tree mutations of a deep copy of `root`. */
export function mutateTree(rng: Random, root: Tree): { value: Tree; trace: string[] } {
  let value = structuredClone(root);
  const trace: string[] = [];
  const steps = 1 + rng.small(3);
  for (let s = 0; s < steps; s++) {
    const all = places(value);
    if (all.length === 0) {
      value = { value, [rng.pick(KEYS)]: weird(rng) };
      trace.push('wrap-root');
      continue;
    }
    const { parent, key } = rng.pick(all);
    const op = rng.int(8);
    if (op === 0 || op === 1) {
      set(parent, key, weird(rng));
      trace.push(`replace ${String(key)}`);
    } else if (op === 2 && !Array.isArray(parent)) {
      const to = rng.pick(KEYS);
      rename(parent, key as string, to);
      trace.push(`rename ${String(key)}->${to}`);
    } else if (op === 3) {
      const other = rng.pick(all);
      set(parent, key, structuredClone(get(other.parent, other.key)));
      trace.push(`copy ${String(other.key)}->${String(key)}`);
    } else if (op === 4) {
      let nested = get(parent, key);
      const depth = 1 + rng.small(600);
      for (let i = 0; i < depth; i++) nested = rng.chance(0.5) ? [nested] : { [rng.pick(KEYS)]: nested };
      set(parent, key, nested);
      trace.push(`nest ${String(key)} x${depth}`);
    } else if (op === 5) {
      const v = get(parent, key);
      const n = Math.min(1 + rng.small(200), Math.floor(MAX_SIZE / sizeOf(v)));
      set(
        parent,
        key,
        Array.from({ length: n }, () => v),
      );
      trace.push(`repeat ${String(key)} x${n}`);
    } else if (op === 6) {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
      trace.push(`delete ${String(key)}`);
    } else {
      const v = get(parent, key);
      set(
        parent,
        key,
        typeof v === 'string'
          ? Number(v.length)
          : typeof v === 'number'
            ? String(v)
            : Array.isArray(v)
              ? Object.fromEntries(v.map((x, i) => [String(i), x]))
              : v && typeof v === 'object'
                ? Object.values(v)
                : String(v),
      );
      trace.push(`retype ${String(key)}`);
    }
    if (sizeOf(value) > MAX_SIZE) break;
  }
  return { value, trace };
}
