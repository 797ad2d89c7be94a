/**
 * The program as a file that leaves the document without a dialog's choices: a share link, and the
 * history's redacted originals. Flagged secrets are redacted unless the caller says not to (the same
 * choice as the export dialog's), and the file keeps its own recipe (a gzip file travels as gzip and
 * comes back as gzip). Encryption never comes along: it would need the key, so export drops it.
 * Formats export cannot write (pickles, torch files) become JSON: such a file never runs code.
 */
import type { ExportOptions } from './export-options';

const WRITABLE_SYNTAXES = new Set(['json', 'yaml', 'msgpack']);

export function portableExportOptions(syntax: string | undefined, redactSecrets: boolean): ExportOptions {
  if (syntax !== undefined && WRITABLE_SYNTAXES.has(syntax)) return { redactSecrets };
  return { syntax: 'json', compression: 'none', jsonStyle: 'pretty', redactSecrets };
}
