/**
 * Real consumers, not our own decoder: Python's json, gzip and zlib (and PyYAML / msgpack where
 * installed) load every export and print a digest of what they read; the same digest computed here
 * from the value we meant to write must match. See scripts/python-consumer.py for the canonical form.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeProgram } from '../formats/analyze.ts';
import { applyWithInverse } from '../model/patch.ts';
import { redactSecrets } from '../model/secrets.ts';
import { decodeBytes } from '../../engine/pipeline/decode.ts';
import { readRealFixture, readRepoFile, REPO_ROOT, realDspyFiles } from '../../../test-support/real-fixtures.ts';
import type { ExportCompression, ExportSyntax } from './export-options.ts';
import { exportDocument } from './export-document.ts';
import { exportModule } from './export-module.ts';

const SCRIPT = join(REPO_ROOT, 'scripts/python-consumer.py');

function byCodePoint(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const d = (x.value.codePointAt(0) as number) - (y.value.codePointAt(0) as number);
    if (d !== 0) return d;
  }
}

function quote(s: string): string {
  // Python's ensure_ascii: everything outside space..~ escaped, \u with lower-case hex per UTF-16 unit.
  return JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

function numberKey(n: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, n);
  return 'n:' + Array.from(new Uint8Array(view.buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The canonical JSON text scripts/python-consumer.py builds with json.dumps(sort_keys=True, ensure_ascii=True). */
export function canonicalJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'number' || typeof v === 'bigint') return quote(numberKey(Number(v)));
  if (Array.isArray(v)) return '[' + v.map(canonicalJson).join(',') + ']';
  const o = v as Record<string, unknown>;
  return (
    '{' +
    Object.keys(o)
      .sort(byCodePoint)
      .map((k) => quote(k) + ':' + canonicalJson(o[k]))
      .join(',') +
    '}'
  );
}

function digest(v: unknown): string {
  return createHash('sha256').update(canonicalJson(v), 'ascii').digest('hex');
}

function python(args: string[]): { ok: boolean; stdout: string; why?: string } {
  const r = spawnSync('python3', [SCRIPT, ...args], { encoding: 'utf8', timeout: 60_000 });
  if (r.error) return { ok: false, stdout: '', why: r.error.message };
  if (r.status !== 0) return { ok: false, stdout: r.stdout, why: r.stderr };
  return { ok: true, stdout: r.stdout };
}

const caps = python(['--capabilities']);
const capabilities = caps.ok ? (JSON.parse(caps.stdout) as { python: string; yaml: boolean; msgpack: boolean }) : undefined;
if (!capabilities) console.warn(`[python-consumer] python3 could not be run (${caps.why}); only the JS side of the digest is checked.`);
else {
  if (!capabilities.yaml) console.warn('[python-consumer] PyYAML is not installed: YAML exports are not read by Python.');
  if (!capabilities.msgpack) console.warn('[python-consumer] the msgpack module is not installed: MessagePack exports are not read by Python.');
}

const COMBOS: Array<[ExportSyntax, ExportCompression]> = [
  ['json', 'none'],
  ['json', 'gzip'],
  ['json', 'zlib'],
  ['json', 'deflate-raw'],
  ['yaml', 'none'],
  ['yaml', 'gzip'],
  ['msgpack', 'none'],
  ['msgpack', 'zlib'],
  ['msgpack', 'gzip'],
];

const OWN = readdirSync(join(REPO_ROOT, 'fixtures/programs'))
  .filter((n) => /\.(json|yaml|msgpack)$/.test(n))
  .sort();

describe('exports read by Python', () => {
  const dir = mkdtempSync(join(tmpdir(), 'export-consumer-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('every syntax × compression of every fixture and one module file loads in Python to the same digest', async () => {
    const expected = new Map<string, string>();
    const asOpened: string[] = [];
    const sources: Array<[string, Uint8Array]> = [
      ...OWN.map((n): [string, Uint8Array] => [n, readRepoFile(`fixtures/programs/${n}`)]),
      ...realDspyFiles().map((n): [string, Uint8Array] => [n, readRealFixture(n)]),
    ];
    for (const [name, bytes] of sources) {
      const doc = await decodeBytes(bytes, { name });
      const program = analyzeProgram(doc.value, { recipe: doc.recipe, name });
      // What we meant to write: the value with its secrets redacted (the default).
      const meant = applyWithInverse(doc.value, redactSecrets(doc.value, program)).value;
      for (const [syntax, compression] of COMBOS) {
        const out = await exportDocument(
          { value: doc.value, program, recipe: doc.recipe, sourceText: doc.text, appliedOps: [], name },
          { syntax, compression },
        );
        const path = join(dir, `${name.replace(/\.[a-z]+$/, '')}--${out.fileName}`);
        if (syntax === 'yaml' && doc.syntax === 'yaml') {
          // YAML to YAML keeps the opened text (edits spliced in): its plain scalars are its author's, not ours to re-quote.
          asOpened.push(out.fileName);
          continue;
        }
        writeFileSync(path, out.bytes);
        expected.set(path, digest(meant));
      }
      const mod = program.modules.find((m) => m.kind === 'predict' && m.signature?.fields.length);
      if (mod && (program.format === 'dspy-state' || program.format === 'envelope')) {
        const out = await exportModule({ value: doc.value, program, recipe: doc.recipe }, mod.id, { now: '2025-01-01T00:00:00Z' });
        const path = join(dir, `${name.replace(/\.[a-z]+$/, '')}--module--${out.fileName}`);
        writeFileSync(path, out.bytes);
        expected.set(path, digest((await decodeBytes(out.bytes)).value));
      }
    }
    if (asOpened.length > 0) console.warn(`[python-consumer] not compared: ${asOpened.join(', ')} (YAML kept as its author wrote it).`);
    expect(expected.size).toBeGreaterThan(OWN.length * (COMBOS.length - 1));

    if (!capabilities) {
      // No Python here: still prove the digest is a function of the value alone (same value, any syntax).
      const perSource = new Map<string, Set<string>>();
      for (const [path, d] of expected) {
        const key = path.replace(/--.*$/, '') + (path.includes('--module--') ? '#m' : '');
        perSource.set(key, (perSource.get(key) ?? new Set()).add(d));
      }
      for (const set of perSource.values()) expect(set.size).toBe(1);
      return;
    }

    const readable = [...expected.keys()].filter((p) => {
      if (/\.yaml(\.|$)/.test(p)) return capabilities.yaml;
      if (/\.msgpack(\.|$)/.test(p)) return capabilities.msgpack;
      return true;
    });
    const skipped = expected.size - readable.length;
    if (skipped > 0) console.warn(`[python-consumer] ${skipped} exports not read by Python (module not installed, see above).`);
    // JSON with gzip, zlib and raw deflate is always read: the standard library has them.
    expect(readable.filter((p) => /\.json(\.gz|\.zz|\.deflate)?$/.test(p)).length).toBeGreaterThanOrEqual(sources.length * 4);

    const run = python(readable);
    expect(run.why).toBeUndefined();
    const got = new Map(
      run.stdout
        .trim()
        .split('\n')
        .map((line) => line.split('\t') as [string, string]),
    );
    const mismatches = readable.filter((p) => got.get(p) !== expected.get(p)).map((p) => `${p.replace(dir, '')}: ${got.get(p)}`);
    expect(mismatches).toEqual([]);
    console.info(`[python-consumer] Python ${capabilities.python} read ${readable.length} exports to the same digest.`);
  });
});
