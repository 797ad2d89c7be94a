/** Compare bytes with the digest a sidecar promises, with a sentence that names both digests. */
import { parseSidecar } from './sidecar.ts';
import { sha256Hex } from './sha256.ts';

export interface VerifyResult {
  ok: boolean;
  expected: string;
  actual: string;
  message: string;
  /** The name the sidecar gives, when it gives one. */
  sidecarFileName?: string;
}

export async function verifyChecksum(bytes: Uint8Array, sidecarText: string, fileName?: string): Promise<VerifyResult> {
  const entry = parseSidecar(sidecarText, fileName);
  const actual = await sha256Hex(bytes);
  const expected = entry.digest;
  const ok = actual === expected;
  const subject = fileName ?? entry.fileName ?? 'the file';
  const message = ok ? `SHA-256 matches for ${subject}: ${actual}` : `SHA-256 mismatch for ${subject}: expected ${expected} but the file has ${actual}`;
  const result: VerifyResult = { ok, expected, actual, message };
  if (entry.fileName !== undefined) result.sidecarFileName = entry.fileName;
  return result;
}
