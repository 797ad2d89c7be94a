/**
 * zlib (RFC 1950): CMF with method 8 and window <= 32K, and (CMF<<8 | FLG) % 31 === 0.
 * 0x78 is by far the most common first byte; others with a valid check are weaker evidence, since
 * two ASCII letters can pass the check by chance ("x^" does).
 */
import { zlibSync } from 'fflate';
import type { BytesLayer, LayerContext, StepOptions } from './layer.ts';
import { inflateBytes } from './inflate-stream.ts';
import { levelOf, looksLikeText, type DeflateLevel } from './deflate-options.ts';

export function validZlibHeader(bytes: Uint8Array): boolean {
  if (bytes.length < 2) return false;
  const cmf = bytes[0] as number;
  const flg = bytes[1] as number;
  if ((cmf & 0x0f) !== 8 || cmf >> 4 > 7) return false;
  if (((cmf << 8) | flg) % 31 !== 0) return false;
  return (flg & 0x20) === 0; // a preset dictionary cannot be supplied: treat as not ours
}

const FLEVEL_TO_LEVEL: readonly DeflateLevel[] = [1, 5, 6, 9];

export const zlibLayer: BytesLayer = {
  id: 'zlib',
  kind: 'compression',
  label: 'zlib',
  extensions: ['.zz', '.zlib', '.z'],
  sniff(bytes) {
    if (!validZlibHeader(bytes)) return 0;
    if (looksLikeText(bytes)) return 0.3; // "x^" is a valid header and also two letters of text
    const flg = bytes[1] as number;
    if (bytes[0] === 0x78 && (flg === 0x01 || flg === 0x5e || flg === 0x9c || flg === 0xda)) return 0.95;
    return bytes[0] === 0x78 ? 0.7 : 0.4;
  },
  async decode(bytes: Uint8Array, ctx: LayerContext) {
    const { bytes: out } = await inflateBytes('deflate', 'zlib', bytes, ctx);
    // FLEVEL is only the compressor's hint; keep it apart from a known level.
    const flevel = ((bytes[1] as number) >> 6) & 3;
    return { bytes: out, options: { levelHint: FLEVEL_TO_LEVEL[flevel] } };
  },
  async encode(bytes: Uint8Array, options: StepOptions) {
    const level = typeof options.level === 'number' ? levelOf(options) : typeof options.levelHint === 'number' ? levelOf({ level: options.levelHint }) : 6;
    return zlibSync(bytes, { level });
  },
};
