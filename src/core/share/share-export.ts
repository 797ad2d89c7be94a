/**
 * What a share link carries: the program as export writes it, so a link obeys the same rules as a
 * file handed out. Flagged secrets are redacted unless the user unticks it (the same choice as in
 * the export dialog), and the file keeps its own recipe (a gzip file travels as gzip and comes back
 * as gzip when the receiver makes it their own). Encryption never travels: the link would need the
 * key, so export drops it and the dialog says the link holds the decrypted program. Formats export
 * cannot write (pickles, torch files) travel as JSON: a link never carries a file that runs code.
 */
import type { ExportOptions } from '../export/export-options';

const WRITABLE_SYNTAXES = new Set(['json', 'yaml', 'msgpack']);

export function shareExportOptions(syntax: string | undefined, redactSecrets: boolean): ExportOptions {
  if (syntax !== undefined && WRITABLE_SYNTAXES.has(syntax)) return { redactSecrets };
  return { syntax: 'json', compression: 'none', jsonStyle: 'pretty', redactSecrets };
}
