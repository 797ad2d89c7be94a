/**
 * MessagePack. Sniffed by a map or array header followed by something plausible. A lone 0x80 is
 * an empty map; 0x80 followed by 2..5 is how a pickle (protocol 2+) starts, so MessagePack bows
 * out and leaves those bytes to a pickle layer.
 */
import type { LayerContext, StepOptions, SyntaxEncodeInput, SyntaxLayer } from './layer.ts';
import { decodeMsgpack, type FloatMark } from './msgpack-decoder.ts';
import { encodeMsgpack, type MsgpackEncodeHints } from './msgpack-encoder.ts';
import { msgpackShape } from './msgpack-shape.ts';

function isStrHeader(b: number | undefined): boolean {
  return b !== undefined && ((b >= 0xa0 && b <= 0xbf) || b === 0xd9 || b === 0xda || b === 0xdb);
}

function strings(v: unknown): readonly string[] | undefined {
  return Array.isArray(v) && v.every((s) => typeof s === 'string') ? (v as string[]) : undefined;
}

/** A FloatMark as it comes back from a recipe (structured clone, history): checked, never trusted. */
function isMark(v: unknown, depth = 0): v is FloatMark {
  if (typeof v === 'number') return true;
  if (!Array.isArray(v) || depth > 10_000) return false;
  return v.every((e) => Array.isArray(e) && e.length === 2 && (typeof e[0] === 'string' || typeof e[0] === 'number') && isMark(e[1], depth + 1));
}

function headerConfidence(bytes: Uint8Array): number {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === undefined) return 0;
  if (b0 === 0x80) {
    if (bytes.length === 1) return 0.9;
    return b1 !== undefined && b1 >= 2 && b1 <= 5 ? 0.05 : 0.1;
  }
  if (b0 > 0x80 && b0 <= 0x8f) return isStrHeader(b1) ? 0.85 : b1 !== undefined && b1 <= 0x7f ? 0.4 : 0.1;
  if (b0 === 0xde || b0 === 0xdf) return isStrHeader(bytes[b0 === 0xde ? 3 : 5]) ? 0.85 : 0.2;
  if (b0 === 0x90) return bytes.length === 1 ? 0.9 : 0.05;
  if ((b0 > 0x90 && b0 <= 0x9f) || b0 === 0xdc || b0 === 0xdd) return 0.5;
  return 0;
}

export const msgpackLayer: SyntaxLayer = {
  id: 'msgpack',
  kind: 'syntax',
  label: 'MessagePack',
  extensions: ['.msgpack', '.mpk', '.mp'],
  sniff(bytes, hint) {
    const base = headerConfidence(bytes);
    if (base === 0) return 0;
    const shape = msgpackShape(bytes);
    if (shape === 'invalid') return Math.min(base, 0.05);
    // Cut short: still MessagePack as far as it goes, so its reader can say where it ends; but
    // below raw deflate, whose streams can look like this too.
    if (shape === 'truncated') return Math.min(base, 0.28);
    const named = hint?.name ? /\.(msgpack|mpk|mp)$/i.test(hint.name) : false;
    return shape === 'valid' ? Math.max(base, named ? 0.95 : 0.9) : base;
  },
  async decode(bytes: Uint8Array, ctx: LayerContext) {
    ctx.onProgress?.({ stage: 'msgpack', done: 0, total: bytes.length });
    const { value, side } = decodeMsgpack(bytes, ctx.limits);
    ctx.onProgress?.({ stage: 'msgpack', done: bytes.length, total: bytes.length });
    const options: StepOptions = {};
    if (side.marks !== undefined) options.floatMarks = side.marks;
    if (side.smallMaps.wide > 0 && side.smallMaps.fix === 0) options.mapHeader = 'map16';
    const warnings = side.nonStringKeys ? ['Some MessagePack map keys were not strings; they are shown as strings.'] : [];
    return { value, options, warnings };
  },
  async encode(input: SyntaxEncodeInput, options: StepOptions) {
    const hints: MsgpackEncodeHints = { floats: strings(options.floats), float32: strings(options.float32) };
    if (isMark(options.floatMarks)) hints.marks = options.floatMarks;
    if (options.mapHeader === 'map16') hints.mapHeader = 'map16';
    return encodeMsgpack(input.value, hints);
  },
};
