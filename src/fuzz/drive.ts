/**
 * One input through the worker's real open path and every view the page asks for, as the page
 * asks for them: open (and, for an encrypted file, the key prompt's lockInfo and unlock), the module
 * tree, each module's JSON and its original, pages of demos, the demo filter, the whole-file and
 * per-module text, the migration plan, changed modules, the pickle report, disassembly pages, the
 * tensor table and previews, an edit, and export round trips. Every result is structured-cloned, as
 * postMessage would, so a result the page could not receive is caught too.
 *
 * A typed refusal (FormatError with a code other than 'internal') is a fine answer anywhere; any
 * other throw is a finding, named by the stage it happened in.
 */
import { FormatError } from '../core/engine/errors';
import { DocumentHost } from '../worker/document-host';
import type { ExportOptions } from '../core/program/export/export-options';
import type { OpenCredentials, Opened } from '../worker/protocol';

export type Outcome =
  | { kind: 'opened'; views: number; refused: number }
  | { kind: 'typed'; code: string; layer: string; message: string }
  | { kind: 'finding'; finding: FindingKind; stage: string; name: string; message: string; frame: string };

export type FindingKind = 'exception' | 'internal' | 'hang' | 'memory' | 'crash';

/** The stages, in order; the watchdog names a hang by the last one entered. */
export const STAGES = [
  'open',
  'unlock',
  'outline',
  'module',
  'original-module',
  'demos',
  'filter-demos',
  'module-text',
  'text',
  'migration-plan',
  'changed-modules',
  'disassembly',
  'tensors',
  'tensor-preview',
  'edit',
  'export',
  'export-json',
  'export-edited',
] as const;
export type Stage = (typeof STAGES)[number];

/** The first stack frame inside the project's source: where an exception came from, without line numbers. */
export function frameOf(e: unknown): string {
  const stack = (e instanceof Error && e.stack) || '';
  for (const line of stack.split('\n').slice(1)) {
    const m = /at (?:async )?(?:([^ (]+) \()?.*?(src\/[^:)]+)/.exec(line);
    if (m && !m[2]!.includes('src/fuzz/')) return `${m[1] ?? '<anonymous>'}@${m[2]}`;
  }
  return 'unknown';
}

class Finding extends Error {
  constructor(readonly outcome: Extract<Outcome, { kind: 'finding' }>) {
    super(outcome.message);
  }
}

function findingOf(e: unknown, stage: Stage): Finding {
  if (e instanceof FormatError) {
    // An 'internal' error is an untyped throw the pipeline wrapped: its cause says where it came from.
    const cause = e.cause instanceof Error ? e.cause : e;
    return new Finding({ kind: 'finding', finding: 'internal', stage, name: `${cause.name}(${e.layer})`, message: e.message, frame: frameOf(cause) });
  }
  const err = e instanceof Error ? e : new Error(String(e));
  return new Finding({ kind: 'finding', finding: 'exception', stage, name: err.name, message: err.message, frame: frameOf(err) });
}

export interface DriveInput {
  name: string;
  bytes: Uint8Array;
  credentials?: OpenCredentials;
}

/** How much of each view to ask for: enough to walk every code path, bounded for speed. */
const MODULES = 4;
const DEMO_PAGE = 20;
const DISASSEMBLY_PAGES = 4;
const TEXT_CHARS = 2_000_000;
const OTHER_EXPORTS: ExportOptions[] = [
  { syntax: 'yaml', compression: 'gzip' },
  { syntax: 'msgpack' },
  { syntax: 'json', jsonStyle: 'compact', compression: 'zlib', redactSecrets: false },
  { target: 'envelope', syntax: 'json' },
  { target: 'dspy', compression: 'deflate-raw' },
  { syntax: 'msgpack', compression: 'gzip', level: 9 },
  { syntax: 'yaml', target: 'generic' },
];

export async function drive(input: DriveInput, onStage: (stage: Stage) => void): Promise<Outcome> {
  const host = new DocumentHost();
  let views = 0;
  let refused = 0;
  /** Runs a view: typed refusals count, anything else ends the input as a finding. */
  async function view<T>(stage: Stage, f: () => T | Promise<T>): Promise<T | undefined> {
    onStage(stage);
    try {
      const result = await f();
      structuredClone(result);
      views++;
      return result;
    } catch (e) {
      if (e instanceof FormatError && e.code !== 'internal') {
        refused++;
        return undefined;
      }
      throw findingOf(e, stage);
    }
  }

  try {
    const opened = await openAsThePageDoes(host, input, onStage);
    if ('kind' in opened) return opened;
    await view('outline', () => opened.program.modules.map((m) => [m.id, m.demoCount]));
    const modules = opened.program.modules;
    const some = modules.length > MODULES ? [...modules.slice(0, MODULES - 1), modules[modules.length - 1]!] : modules;
    for (const m of some) {
      await view('module', () => host.module({ moduleId: m.id }));
      await view('original-module', () => host.originalModule({ moduleId: m.id }));
      await view('demos', () => host.demos({ moduleId: m.id, offset: 0, count: DEMO_PAGE }));
      await view('demos', () => host.demos({ moduleId: m.id, offset: Math.max(0, m.demoCount - DEMO_PAGE), count: DEMO_PAGE }));
      await view('demos', () => host.demos({ moduleId: m.id, offset: 0, count: 2, indexes: [0, m.demoCount - 1, m.demoCount + 5] }));
      await view('filter-demos', () => host.filterDemos({ moduleId: m.id, text: 'a' }));
      await view('module-text', () => host.text({ pointer: m.pointer, maxChars: TEXT_CHARS }));
    }
    await view('text', () => host.text({ pointer: '', maxChars: TEXT_CHARS }));
    await view('migration-plan', () => host.migrationPlan({ previewMaxChars: 20_000 }));
    await view('changed-modules', () => host.changedModules());
    if (isPickle(opened)) {
      let offset: number | null = 0;
      for (let page = 0; page < DISASSEMBLY_PAGES && offset !== null; page++) {
        const at: number = offset;
        const rows = await view('disassembly', () => host.disassembly({ offset: at, limit: 500 }));
        offset = rows?.nextOffset ?? null;
      }
      const table = await view('tensors', () => host.tensors({ offset: 0, limit: 50 }));
      await view('tensors', () => host.tensors({ offset: 0, limit: 50, sort: 'size', moduleId: modules[1]?.id ?? 'self' }));
      for (let i = 0; i < Math.min(3, table?.fileTotal ?? 0); i++) await view('tensor-preview', () => host.tensorPreview({ index: i }));
    }
    await view('export', () => host.export({ options: {} }));
    await view('export-json', () => host.export({ options: { target: 'generic', syntax: 'json', compression: 'none', jsonStyle: 'pretty' } }));
    // One other syntax per input, in turn: each export costs a re-decode, and every one is reached across inputs.
    await view('export-json', () => host.export({ options: OTHER_EXPORTS[input.bytes.length % OTHER_EXPORTS.length]! }));
    const target = modules.find((m) => m.signature);
    if (target) {
      const edited = await view('edit', () => host.edit({ edit: { kind: 'instructions', moduleId: target.id, text: 'Edited by the fuzzer.' } }));
      if (edited) {
        await view('export-edited', () => host.export({ options: {} }));
        await view('export-edited', () => host.export({ options: OTHER_EXPORTS[(input.bytes.length + 1) % OTHER_EXPORTS.length]! }));
        await view('edit', () => host.applyOps({ ops: edited.edit.inverse }));
      }
    }
    return { kind: 'opened', views, refused };
  } catch (e) {
    if (e instanceof Finding) return e.outcome;
    throw e;
  }
}

function isPickle(opened: Opened): boolean {
  return opened.summary.recipe.some((s) => s.layer === 'pickle');
}

/** Open without a key first, as a drop does; a key-wanting file then goes through lockInfo and unlock. */
async function openAsThePageDoes(host: DocumentHost, input: DriveInput, onStage: (stage: Stage) => void): Promise<Opened | Outcome> {
  const bytes = input.bytes.slice().buffer as ArrayBuffer;
  onStage('open');
  try {
    const opened = await host.open({ source: { kind: 'bytes', bytes, name: input.name } }, () => undefined);
    structuredClone(opened);
    return opened;
  } catch (e) {
    if (!(e instanceof FormatError) || e.code === 'internal') throw findingOf(e, 'open');
    const wantsKey = e.code === 'needs-key' || e.code === 'maybe-encrypted' || e.code === 'wrong-key';
    if (!wantsKey || !input.credentials) return { kind: 'typed', code: e.code, layer: e.layer, message: e.message };
  }
  onStage('unlock');
  try {
    structuredClone(host.lockInfo());
    const opened = await host.unlock({ credentials: input.credentials }, () => undefined);
    structuredClone(opened);
    return opened;
  } catch (e) {
    if (!(e instanceof FormatError) || e.code === 'internal') throw findingOf(e, 'unlock');
    return { kind: 'typed', code: e.code, layer: e.layer, message: e.message };
  }
}
