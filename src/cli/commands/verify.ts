/**
 * `verify FILE [--sha256 FILE|HEX]`: compare a file with its SHA-256 sidecar (by default
 * FILE.sha256 beside it). Exit 0 when it matches, 1 on a mismatch, 2 when nothing could be checked.
 */
import { isFormatError } from '../../core/engine/errors.ts';
import { sha256Hex } from '../../core/engine/checksum/sha256.ts';
import { verifyChecksum } from '../../core/engine/checksum/verify.ts';

export interface VerifyIo {
  /** Each call is one complete line, ending in "\n". */
  out(s: string): void;
  err(s: string): void;
  readFile(path: string): Promise<Uint8Array>;
  env: Record<string, string | undefined>;
}

export const VERIFY_HELP = `Usage: verify FILE [--sha256 FILE|HEX]

Checks FILE against a SHA-256 checksum: a sha256sum line ("<hex>  name"), a BSD line
("SHA256 (name) = <hex>") or a bare 64-character digest. Without --sha256, FILE.sha256 is used.
Exit status: 0 match, 1 mismatch, 2 nothing was checked (missing file or checksum, bad usage).
`;

const DIGEST = /^(?:sha256:)?[0-9a-f]{64}$/i;

function isMissing(e: unknown): boolean {
  return e instanceof Error && 'code' in e && e.code === 'ENOENT';
}

export async function verifyCommand(args: string[], io: VerifyIo): Promise<number> {
  let file: string | undefined;
  let sha: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-h' || arg === '--help') {
      io.out(VERIFY_HELP);
      return 0;
    }
    if (arg === '--sha256' || arg.startsWith('--sha256=')) {
      sha = arg === '--sha256' ? args[++i] : arg.slice('--sha256='.length);
      if (!sha) {
        io.err('verify: --sha256 needs a checksum file or a 64-character hex digest\n');
        return 2;
      }
      continue;
    }
    if (arg.startsWith('-') && arg !== '-') {
      io.err(`verify: unknown option ${arg}\n${VERIFY_HELP}`);
      return 2;
    }
    if (file !== undefined) {
      io.err(`verify: one FILE at a time (got ${file} and ${arg})\n`);
      return 2;
    }
    file = arg;
  }
  if (file === undefined) {
    io.err(`verify: which file?\n${VERIFY_HELP}`);
    return 2;
  }

  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(file);
  } catch (e) {
    io.err(`verify: ${file} ${isMissing(e) ? 'does not exist' : `cannot be read: ${e instanceof Error ? e.message : String(e)}`}\n`);
    return 2;
  }

  let sidecarText: string;
  if (sha !== undefined && DIGEST.test(sha)) {
    sidecarText = sha;
  } else {
    const sidecarPath = sha ?? `${file}.sha256`;
    try {
      sidecarText = new TextDecoder().decode(await io.readFile(sidecarPath));
    } catch (e) {
      io.out(`${await sha256Hex(bytes)}  ${file}\n`);
      const why = isMissing(e) ? 'does not exist' : 'cannot be read';
      io.err(
        sha === undefined
          ? `verify: nothing to compare with: ${sidecarPath} ${why}; give a checksum with --sha256 FILE|HEX\n`
          : `verify: the checksum file ${sidecarPath} ${why}\n`,
      );
      return 2;
    }
  }

  try {
    const result = await verifyChecksum(bytes, sidecarText, file);
    if (result.ok) {
      io.out(`${result.message}\n`);
      return 0;
    }
    io.err(`${result.message}\n`);
    return 1;
  } catch (e) {
    if (isFormatError(e)) {
      io.err(`verify: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
