/**
 * The app shell's JavaScript, measured from the build: the entry chunk of index.html plus every
 * chunk it imports statically (what the browser must fetch before the first paint), gzipped at
 * level 9 like a static host would. Dynamic imports (Monaco, the editor, YAML) are listed apart,
 * and Monaco must not be among the static ones.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, posix } from 'node:path';

const STATIC_IMPORT = /\b(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["'](\.{1,2}\/[^"']+\.js)["']\s*\)/g;
const MONACO = /monaco|editor\.api|jsonMode|editor\.worker|json\.worker/;

export function measureShell(outDir) {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const entries = [
    ...html.matchAll(/<script[^>]+type="module"[^>]+src="\.\/([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\.\/([^"]+)"/g),
  ].map((m) => m[1]);
  const seen = new Set();
  const dynamic = new Set();
  const queue = [...entries];
  while (queue.length) {
    const file = queue.shift();
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(outDir, file), 'utf8');
    const dir = posix.dirname(file);
    for (const m of code.matchAll(STATIC_IMPORT)) queue.push(posix.normalize(posix.join(dir, m[1])));
    for (const m of code.matchAll(DYNAMIC_IMPORT)) dynamic.add(posix.normalize(posix.join(dir, m[1])));
  }
  const size = (file) => {
    const bytes = readFileSync(join(outDir, file));
    return { file, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  };
  const shell = [...seen].map(size);
  const lazy = [...dynamic].filter((f) => !seen.has(f)).map(size);
  const all = readdirSync(join(outDir, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => size(`assets/${f}`));
  return {
    shell,
    shellGzip: shell.reduce((n, f) => n + f.gzip, 0),
    shellBytes: shell.reduce((n, f) => n + f.bytes, 0),
    monacoInShell: shell.some((f) => MONACO.test(f.file)),
    monacoLazy: lazy.some((f) => MONACO.test(f.file)) || all.some((f) => MONACO.test(f.file) && !seen.has(f.file)),
    lazy,
    totalJsGzip: all.reduce((n, f) => n + f.gzip, 0),
  };
}
