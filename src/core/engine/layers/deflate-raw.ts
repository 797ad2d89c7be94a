/**
 * Raw deflate (RFC 1951) has no magic bytes. It is only proposed, weakly, when no stronger layer
 * claims the bytes, they do not look like text, and a trial inflate of the first kilobytes works.
 */
import { Inflate, deflateSync } from 'fflate';
import type { BytesLayer, LayerContext, StepOptions } from './layer.ts';
import { inflateBytes } from './inflate-stream.ts';
import { levelOf, looksLikeText } from './deflate-options.ts';

function trialInflate(bytes: Uint8Array): boolean {
  let produced = 0;
  const probe = new Inflate((chunk) => {
    produced += chunk.length;
  });
  const head = bytes.subarray(0, Math.min(bytes.length, 4096));
  try {
    probe.push(head, head.length === bytes.length);
  } catch (e) {
    // Running out of input in a probe is fine; any other error means it is not deflate.
    return (e as { code?: number }).code === 0 && head.length < bytes.length;
  }
  return produced > 0 || head.length < bytes.length;
}

export const deflateRawLayer: BytesLayer = {
  id: 'deflate-raw',
  kind: 'compression',
  label: 'Raw deflate',
  extensions: ['.deflate', '.zraw'],
  sniff(bytes, hint) {
    if (bytes.length < 2 || looksLikeText(bytes)) return 0;
    const btype = ((bytes[0] as number) >> 1) & 3;
    if (btype === 3) return 0;
    if (!trialInflate(bytes)) return 0;
    const named = hint?.name?.toLowerCase().endsWith('.deflate') ?? false;
    return named ? 0.5 : 0.3;
  },
  async decode(bytes: Uint8Array, ctx: LayerContext) {
    const { bytes: out } = await inflateBytes('deflate-raw', 'deflate-raw', bytes, ctx);
    return { bytes: out, options: {} };
  },
  async encode(bytes: Uint8Array, options: StepOptions) {
    return deflateSync(bytes, { level: levelOf(options) });
  },
};
