/**
 * The export options shared by `convert` and `export-module`: parsed from flags, with usage errors
 * as null. The values each flag takes come from the layer registry (syntaxes, compressions) and the
 * kinds registry (targets), so a new layer or kind shows up here without an edit.
 */
import type { ExportCompression, ExportJsonStyle, ExportOptions, ExportSyntax, ExportTarget } from '../../core/program/export/export-options.ts';
import { defaultRegistry, specFromFileName } from '../../core/engine/layers/registry.ts';
import { registeredKinds } from '../../core/program/formats/analyze.ts';

export const EXPORT_FLAGS = ['to', 'compress', 'level', 'target', 'json-style'] as const;
export const EXPORT_SWITCHES = ['no-redact', 'sidecar'] as const;

const SYNTAXES: readonly string[] = defaultRegistry.ofKind('syntax', true).map((l) => l.id);
const COMPRESSIONS: readonly string[] = [...defaultRegistry.ofKind('compression', true).map((l) => l.id), 'none'];
const TARGETS: readonly string[] = ['same', ...registeredKinds().flatMap((k) => (k.conversion ? [k.id] : []))];
const STYLES: readonly string[] = ['file', 'pretty', 'compact'];

const line = (flag: string, says = ''): string => (says ? `  ${flag}`.padEnd(35) + says : `  ${flag}`).trimEnd();

export const EXPORT_FLAGS_HELP = [
  line(`--to ${SYNTAXES.join('|')}`, "syntax (default: the input's, or what OUT's suffix says)"),
  line(`--compress ${['none', ...COMPRESSIONS.filter((c) => c !== 'none')].join('|')}`),
  line('--level 0-9', 'deflate level'),
  line('--json-style file|pretty|compact', "JSON layout (file: the input's own, or its kind's writer)"),
  line(`--target ${TARGETS.join('|')}`, 'what to write the program as (same: as opened)'),
  line('--no-redact', 'keep api_key and other flagged secrets (redacted by default)'),
  line('--sidecar', 'also write OUT.sha256 (the format sha256sum -c reads)'),
].join('\n');

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
  const target = oneOf(flags.get('target'), TARGETS);
  const style = oneOf(flags.get('json-style'), STYLES);
  const level = intFlag(flags.get('level'), 0, 9);
  if (to === null || compress === null || target === null || style === null || level === null) return null;
  const fromName = specFromFileName(output);
  const options: ExportOptions = { redactSecrets: !flags.has('no-redact') };
  const syntax = to ?? fromName.syntax;
  const compression = compress ?? fromName.compression;
  if (syntax !== undefined) options.syntax = syntax as ExportSyntax;
  if (compression !== undefined) options.compression = compression as ExportCompression;
  if (level !== undefined) options.level = level;
  if (target !== undefined) options.target = target as ExportTarget;
  if (style !== undefined) options.jsonStyle = style as ExportJsonStyle;
  return options;
}
