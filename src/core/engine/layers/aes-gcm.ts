/**
 * Raw-key AES-256-GCM as a layer of the format engine. Such a file has no magic, so the layer
 * claims random-looking bytes only weakly: every layer with a real signature is tried first, and
 * without a key it steps aside (the engine then says "This may be encrypted: enter a key").
 *
 * Key material arrives in `ctx.credentials.key` (32 bytes); the recorded options are only the
 * layout, so a recipe can be stored without any secret.
 */
import { FormatError } from '../errors.ts';
import type { BytesLayer, LayerContext, StepOptions } from './layer.ts';
import { DEFAULT_RAW_LAYOUT, RAW_LAYER_ID, RAW_LAYOUTS, decryptRawAnyLayout, encryptRaw, type RawLayout } from '../crypto/aes-gcm-raw.ts';
import { sniffContainer } from '../crypto/container.ts';
import { looksEncrypted } from '../crypto/entropy.ts';

/** Below any signature-based claim, so it is tried last among the weak ones. */
export const RAW_SNIFF_CONFIDENCE = 0.05;

function layoutOf(options: StepOptions): RawLayout | undefined {
  const l = options.layout;
  return typeof l === 'string' && (RAW_LAYOUTS as readonly string[]).includes(l) ? (l as RawLayout) : undefined;
}

function keyOf(ctx: LayerContext): Uint8Array | undefined {
  return ctx.credentials?.key;
}

export const aesGcmRawLayer: BytesLayer = {
  id: RAW_LAYER_ID,
  kind: 'encryption',
  label: 'AES-256-GCM with a raw key',
  extensions: ['.enc', '.aes'],
  sniff(bytes) {
    return !sniffContainer(bytes) && looksEncrypted(bytes) ? RAW_SNIFF_CONFIDENCE : 0;
  },
  async decode(bytes, ctx) {
    const key = keyOf(ctx);
    if (!key) {
      if (ctx.credentials?.passphrase !== undefined) {
        throw new FormatError({
          code: 'needs-key',
          layer: RAW_LAYER_ID,
          offset: 0,
          message:
            'This is not a passphrase container; it may be a raw-key AES-GCM file: enter the 32-byte key (64 hex or 44 base64 characters) instead of a passphrase',
        });
      }
      // Not fatal: the engine goes on and ends with its own "may be encrypted" message.
      throw new FormatError({ code: 'maybe-encrypted', layer: RAW_LAYER_ID, offset: 0, message: 'This may be encrypted: enter a key' });
    }
    const { plain, layout } = await decryptRawAnyLayout(bytes, key);
    return { bytes: plain, options: { layout } };
  },
  async encode(bytes, options, ctx) {
    const key = keyOf(ctx);
    if (!key) {
      throw new FormatError({ code: 'needs-key', layer: RAW_LAYER_ID, message: 'Writing an AES-GCM file needs the 32-byte key' });
    }
    return encryptRaw(bytes, key, layoutOf(options) ?? DEFAULT_RAW_LAYOUT);
  },
};
