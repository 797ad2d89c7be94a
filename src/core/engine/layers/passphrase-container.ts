/**
 * The passphrase container as a layer: recognised by its magic, so its failures are the file's
 * failures. The passphrase arrives in `ctx.credentials.passphrase`; the recorded options (KDF and
 * iterations) hold no secret.
 */
import { FormatError, formatCount } from '../errors.ts';
import type { BytesLayer, StepOptions } from './layer.ts';
import {
  CONTAINER_LAYER_ID,
  DEFAULT_ITERATIONS,
  decryptWithPassphrase,
  encryptWithPassphrase,
  readContainerHeader,
  sniffContainer,
} from '../crypto/container.ts';

function iterationsOf(options: StepOptions): number {
  const n = options.iterations;
  // Re-sealing never lowers the cost below today's floor, whatever an old file used.
  return typeof n === 'number' && Number.isInteger(n) ? Math.max(n, DEFAULT_ITERATIONS) : DEFAULT_ITERATIONS;
}

export const passphraseContainerLayer: BytesLayer = {
  id: CONTAINER_LAYER_ID,
  kind: 'encryption',
  label: 'Passphrase container (AES-256-GCM, PBKDF2)',
  extensions: ['.psenc'],
  sniff(bytes) {
    return sniffContainer(bytes) ? 1 : 0;
  },
  async decode(bytes, ctx) {
    const limits = { maxOutputBytes: ctx.limits.maxOutputBytes };
    const header = readContainerHeader(bytes, limits);
    const passphrase = ctx.credentials?.passphrase;
    if (passphrase === undefined || passphrase === '') {
      throw new FormatError({
        code: 'needs-key',
        layer: CONTAINER_LAYER_ID,
        offset: 0,
        message: `This file is encrypted with a passphrase (PBKDF2-SHA-256, ${formatCount(header.iterations)} iterations): enter the passphrase`,
      });
    }
    const plain = await decryptWithPassphrase(bytes, passphrase, limits);
    return { bytes: plain, options: { kdf: header.kdf, iterations: header.iterations } };
  },
  async encode(bytes, options, ctx) {
    const passphrase = ctx.credentials?.passphrase;
    if (passphrase === undefined || passphrase === '') {
      throw new FormatError({ code: 'needs-key', layer: CONTAINER_LAYER_ID, message: 'Writing a passphrase container needs the passphrase' });
    }
    return encryptWithPassphrase(bytes, passphrase, { iterations: iterationsOf(options) });
  },
};
