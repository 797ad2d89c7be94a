/**
 * Checksum sidecars: the `sha256sum` format (`<hex>  <name>` text mode, `<hex> *<name>` binary
 * mode, a leading backslash when the name is escaped), the BSD/`openssl dgst` form
 * `SHA256 (name) = <hex>`, a bare hex digest (what a save routine returns as its checksum), and
 * the `sha256:<hex>` form of content-addressed stores.
 */
import { FormatError } from '../errors.ts';
import { SHA256_HEX_LENGTH } from './sha256.ts';

const LAYER = 'sha256';

export type SidecarFormat = 'sha256sum' | 'bsd' | 'bare';

export interface SidecarEntry {
  /** Lower-case hex. */
  digest: string;
  fileName?: string;
  format: SidecarFormat;
  /** 1-based line number in the sidecar. */
  line: number;
}

const HEX64 = '[0-9a-fA-F]{64}';
const GNU = new RegExp(`^(\\\\?)(${HEX64}) ([ *])(.+)$`);
const BSD = new RegExp(`^SHA(?:2-)?256 ?\\((.*)\\) ?= ?(${HEX64})$`);
const BARE = new RegExp(`^(?:sha256:)?(${HEX64})$`, 'i');
const OTHER_DIGESTS = new Map([
  [32, 'MD5'],
  [40, 'SHA-1'],
  [56, 'SHA-224'],
  [96, 'SHA-384'],
  [128, 'SHA-512'],
]);

/** GNU coreutils escapes `\` and newline in names and marks such lines with a leading backslash. */
function unescapeGnu(name: string): string {
  return name.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c));
}

function escapeGnu(name: string): string {
  return name.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

function parseLine(line: string, n: number): SidecarEntry {
  let m = GNU.exec(line);
  if (m) {
    const name = m[1] ? unescapeGnu(m[4]!) : m[4]!;
    return { digest: m[2]!.toLowerCase(), fileName: name, format: 'sha256sum', line: n };
  }
  m = BSD.exec(line);
  if (m) return { digest: m[2]!.toLowerCase(), fileName: m[1]!, format: 'bsd', line: n };
  m = BARE.exec(line);
  if (m) return { digest: m[1]!.toLowerCase(), format: 'bare', line: n };
  const lead = /^[0-9a-fA-F]+/.exec(line)?.[0].length ?? 0;
  const other = OTHER_DIGESTS.get(lead);
  if (other && (lead === line.length || /^\s/.test(line.slice(lead)))) {
    throw new FormatError({
      code: 'unsupported',
      layer: LAYER,
      message: `Line ${n} of the checksum file holds a ${lead}-character digest, which looks like ${other}; only SHA-256 (64 hex characters) is checked`,
    });
  }
  const shown = line.length > 60 ? `${line.slice(0, 60)}…` : line;
  throw new FormatError({
    code: 'syntax',
    layer: LAYER,
    message: `Line ${n} of the checksum file is not a SHA-256 line ("<64 hex>  name", "SHA256 (name) = <64 hex>" or a bare digest): ${JSON.stringify(shown)}`,
  });
}

/** Every entry of a sidecar; blank lines and `#` comments are skipped. */
export function parseSidecarEntries(text: string): SidecarEntry[] {
  const entries: SidecarEntry[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim() === '' ? '' : raw.replace(/\s+$/, '');
    if (line === '' || line.startsWith('#')) return;
    entries.push(parseLine(line.trimStart(), i + 1));
  });
  return entries;
}

function baseName(path: string): string {
  return path.replace(/^.*[\\/]/, '');
}

/**
 * The entry that applies to `fileName`. One entry is used whatever name it carries (files are
 * renamed on download); among several, the one whose name (or base name) matches is picked.
 */
export function parseSidecar(text: string, fileName?: string): { digest: string; fileName?: string } {
  const entries = parseSidecarEntries(text);
  if (entries.length === 0) {
    throw new FormatError({ code: 'syntax', layer: LAYER, message: 'The checksum file holds no digest' });
  }
  const pick = (e: SidecarEntry) => (e.fileName === undefined ? { digest: e.digest } : { digest: e.digest, fileName: e.fileName });
  if (entries.length === 1) return pick(entries[0]!);
  const listed = entries.map((e) => e.fileName ?? '(no name)').join(', ');
  if (fileName === undefined) {
    throw new FormatError({ code: 'invalid', layer: LAYER, message: `The checksum file lists ${entries.length} files (${listed}); say which one to check` });
  }
  const exact = entries.filter((e) => e.fileName === fileName);
  const byBase = exact.length ? exact : entries.filter((e) => e.fileName !== undefined && baseName(e.fileName) === baseName(fileName));
  const digests = new Set(byBase.map((e) => e.digest));
  if (byBase.length === 0) {
    throw new FormatError({ code: 'invalid', layer: LAYER, message: `The checksum file has no line for ${fileName}; it lists ${listed}` });
  }
  if (digests.size > 1) {
    throw new FormatError({
      code: 'invalid',
      layer: LAYER,
      message: `The checksum file has ${byBase.length} different digests for ${fileName} (lines ${byBase.map((e) => e.line).join(', ')})`,
    });
  }
  return pick(byBase[0]!);
}

/** One line as `sha256sum` prints it, which `sha256sum -c` reads back. */
export function formatSidecar(digest: string, fileName: string): string {
  if (digest.length !== SHA256_HEX_LENGTH || !/^[0-9a-fA-F]+$/.test(digest)) {
    throw new FormatError({ code: 'invalid', layer: LAYER, message: `A SHA-256 digest is 64 hex characters; got ${digest.length} characters` });
  }
  const escaped = escapeGnu(fileName);
  return `${escaped === fileName ? '' : '\\'}${digest.toLowerCase()}  ${escaped}\n`;
}
