/**
 * The shape of src/ held without the linter: no import cycles anywhere, and the file engine
 * (bytes to values) never reaches into the program half. The graph is read with TypeScript's
 * own pre-processor, so type-only imports count too: a cycle of types is still a cycle a reader
 * has to hold in their head.
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = dirname(fileURLToPath(import.meta.url));

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(name) && !/\.d\.ts$/.test(name)) out.push(path);
  }
  return out;
}

const EXTENSIONS = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'];

/** Resolves a relative specifier to a file under src/, or undefined for packages and assets. */
function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(from), spec.replace(/\?.*$/, ''));
  for (const ext of EXTENSIONS) {
    const candidate = base + ext;
    if (/\.tsx?$/.test(candidate) && existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** File -> the src/ files it imports (static, dynamic and re-exports alike). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = new Set<string>();
    for (const ref of info.importedFiles) {
      const target = resolveImport(file, ref.fileName);
      if (target) targets.add(target);
    }
    graph.set(file, [...targets].sort());
  }
  return graph;
}

/** Every strongly connected component with more than one file (or a file importing itself), via Tarjan. */
function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const found: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component);
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

/** One concrete loop inside a component, for the failure message: a -> b -> ... -> a. */
function loopIn(component: string[], graph: Map<string, string[]>): string[] {
  const members = new Set(component);
  const start = component[0]!;
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of graph.get(v) ?? []) {
      if (!members.has(w)) continue;
      if (w === start) {
        const path = [v];
        while (path[0] !== start) path.unshift(previous.get(path[0]!)!);
        return [...path, start];
      }
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return component;
}

const rel = (file: string): string => relative(SRC, file).split(sep).join('/');

/**
 * The folder a core file belongs to, for the folder-level rule: core/engine/<folder> and
 * core/program/<folder> (files at the top of a half are units of their own). formats/ with its
 * kind folders is one unit; inside it, kind folders have a rule of their own (below).
 */
function coreUnit(file: string): string | undefined {
  const parts = rel(file).split('/');
  if (parts[0] !== 'core' || parts.length < 3) return undefined;
  return parts.slice(0, 3).join('/');
}

/** The folder graph of core: unit -> units it imports, with one file edge as the example of each. */
function folderGraph(graph: Map<string, string[]>): { graph: Map<string, string[]>; example: Map<string, string> } {
  const edges = new Map<string, Set<string>>();
  const example = new Map<string, string>();
  for (const [file, targets] of graph) {
    const from = coreUnit(file);
    if (!from || /\.test\.tsx?$/.test(file)) continue;
    for (const t of targets) {
      const to = coreUnit(t);
      if (!to || to === from) continue;
      if (!edges.has(from)) edges.set(from, new Set());
      edges.get(from)!.add(to);
      if (!example.has(`${from} -> ${to}`)) example.set(`${from} -> ${to}`, `${rel(file)} -> ${rel(t)}`);
    }
  }
  return { graph: new Map([...edges].map(([k, v]) => [k, [...v].sort()])), example };
}

describe('the import graph of src/', () => {
  const graph = importGraph();

  it('has no file-level cycle', () => {
    const loops = cycles(graph).map((c) => {
      const loop = loopIn(c, graph).map(rel);
      // Start each loop at its smallest file, so the message is stable.
      const start = loop.indexOf([...loop.slice(0, -1)].sort()[0]!);
      const turned = [...loop.slice(start, -1), ...loop.slice(0, start), loop[start]!];
      return turned.join(' -> ');
    });
    expect(loops).toEqual([]);
  });

  it('has no cycle between the folders of core (engine/layers, engine/pickle, program/model, program/formats, ...)', () => {
    const folders = folderGraph(graph);
    const loops = cycles(folders.graph).map((c) => {
      const loop = loopIn(c, folders.graph);
      const edges = loop.slice(0, -1).map((from, i) => folders.example.get(`${from} -> ${loop[i + 1]!}`));
      return `${loop.join(' -> ')} (${edges.join('; ')})`;
    });
    expect(loops).toEqual([]);
  });

  it('keeps each program kind in its own folder: a kind imports no other kind and, of formats/, only the contract', () => {
    const crossings: string[] = [];
    const kindOf = (file: string) => /^core\/program\/formats\/([^/]+)\//.exec(rel(file))?.[1];
    for (const [file, targets] of graph) {
      const kind = kindOf(file);
      // Tests of a kind may open files through the registry, as the app does.
      if (!kind || /\.test\.tsx?$/.test(file)) continue;
      for (const t of targets) {
        const other = kindOf(t);
        const formatsRoot = other === undefined && rel(t).startsWith('core/program/formats/');
        if ((other !== undefined && other !== kind) || (formatsRoot && rel(t) !== 'core/program/formats/kind.ts')) crossings.push(`${rel(file)} -> ${rel(t)}`);
      }
    }
    expect(crossings).toEqual([]);
  });

  it('keeps core/engine from importing core/program', () => {
    const crossings: string[] = [];
    for (const [file, targets] of graph) {
      if (!rel(file).startsWith('core/engine/')) continue;
      for (const t of targets) if (rel(t).startsWith('core/program/')) crossings.push(`${rel(file)} -> ${rel(t)}`);
    }
    expect(crossings).toEqual([]);
  });

  it('sees the whole tree (the reader finds imports at all)', () => {
    // A guard against a resolver that silently finds nothing and so finds no cycle.
    const edges = [...graph.values()].reduce((n, targets) => n + targets.length, 0);
    expect(graph.size).toBeGreaterThan(100);
    expect(edges).toBeGreaterThan(graph.size);
  });
});
