/** The export options shared by `convert` and `export-module`: parsed from flags, with usage errors as null. */
import type { ExportAdapter, ExportCompression, ExportJsonStyle, ExportOptions, ExportSyntax } from '../../core/program/export/export-options.ts';
import { specFromFileName } from '../../core/engine/layers/recipe.ts';

export const EXPORT_FLAGS = ['to', 'compress', 'level', 'adapter', 'json-style'] as const;
export const EXPORT_SWITCHES = ['no-redact', 'sidecar'] as const;

export const EXPORT_FLAGS_HELP = [
  '  --to json|yaml|msgpack            syntax (default: the input\'s, or what OUT\'s suffix says)',
  '  --compress none|gzip|zlib|deflate-raw',
  '  --level 0-9                       deflate level',
  '  --json-style file|pretty|compact  JSON layout (file: the input\'s own, or its DSPy version\'s writer)',
  '  --adapter same|dspy-state|envelope|generic',
  '  --no-redact                       keep api_key and other flagged secrets (redacted by default)',
  '  --sidecar                         also write OUT.sha256 (the format sha256sum -c reads)',
].join('\n');

const SYNTAXES: readonly string[] = ['json', 'yaml', 'msgpack'];
const COMPRESSIONS: readonly string[] = ['gzip', 'zlib', 'deflate-raw', 'none'];
const ADAPTERS: readonly string[] = ['same', 'dspy-state', 'envelope', 'generic'];
const STYLES: readonly string[] = ['file', 'pretty', 'compact'];

function oneOf(v: string | true | undefined, allowed: readonly string[]): string | undefined | null {
  if (v === undefined) return undefined;
  return v !== true && allowed.includes(v) ? v : null;
}

export function intFlag(v: string | true | undefined, min: number, max: number): number | undefined | null {
  if (v === undefined) return undefined;
  if (v === true || !/^\d+$/.test(v)) return null;
  const n = Number(v);
  return n >= min && n <= max ? n : null;
}

/** Export options from flags and the output's suffixes; null when a flag has a bad value. */
export function exportOptionsFrom(flags: Map<string, string | true>, output: string): ExportOptions | null {
  const to = oneOf(flags.get('to'), SYNTAXES);
  const compress = oneOf(flags.get('compress'), COMPRESSIONS);
  const adapter = oneOf(flags.get('adapter'), ADAPTERS);
  const style = oneOf(flags.get('json-style'), STYLES);
  const level = intFlag(flags.get('level'), 0, 9);
  if (to === null || compress === null || adapter === null || style === null || level === null) return null;
  const fromName = specFromFileName(output);
  const options: ExportOptions = { redactSecrets: !flags.has('no-redact') };
  const syntax = to ?? fromName.syntax;
  const compression = compress ?? fromName.compression;
  if (syntax !== undefined) options.syntax = syntax as ExportSyntax;
  if (compression !== undefined) options.compression = compression as ExportCompression;
  if (level !== undefined) options.level = level;
  if (adapter !== undefined) options.adapter = adapter as ExportAdapter;
  if (style !== undefined) options.jsonStyle = style as ExportJsonStyle;
  return options;
}
