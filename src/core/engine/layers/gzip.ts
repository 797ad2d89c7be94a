/** gzip (RFC 1952): magic 1f 8b, method 8. Header fields are kept so a re-encode can match them. */
import { gzipSync } from 'fflate';
import type { BytesLayer, LayerContext, StepOptions } from './layer.ts';
import { inflateBytes } from './inflate-stream.ts';
import { levelOf } from './deflate-options.ts';

const FEXTRA = 4;
const FNAME = 8;

interface GzipHeader {
  mtime: number;
  os: number;
  xfl: number;
  filename?: string;
}

function readHeader(b: Uint8Array): GzipHeader | null {
  if (b.length < 10) return null;
  const flags = b[3] as number;
  const mtime = ((b[4] as number) | ((b[5] as number) << 8) | ((b[6] as number) << 16) | ((b[7] as number) << 24)) >>> 0;
  const header: GzipHeader = { mtime, xfl: b[8] as number, os: b[9] as number };
  let at = 10;
  if (flags & FEXTRA) {
    if (b.length < 12) return header;
    at += 2 + ((b[10] as number) | ((b[11] as number) << 8));
  }
  if (flags & FNAME) {
    let end = at;
    while (end < b.length && end - at < 1024 && b[end] !== 0) end++;
    if (end < b.length && b[end] === 0) header.filename = String.fromCharCode(...b.subarray(at, end));
  }
  return header;
}

export const gzipLayer: BytesLayer = {
  id: 'gzip',
  kind: 'compression',
  label: 'gzip',
  extensions: ['.gz', '.gzip'],
  sniff(bytes) {
    if (bytes.length >= 3 && bytes[0] === 0x1f && bytes[1] === 0x8b && bytes[2] === 8) return 1;
    if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return 0.6;
    return 0;
  },
  async decode(bytes: Uint8Array, ctx: LayerContext) {
    const header = readHeader(bytes);
    const { bytes: out, members } = await inflateBytes('gzip', 'gzip', bytes, ctx);
    const options: StepOptions = {};
    if (header) {
      options.mtime = header.mtime;
      options.os = header.os;
      options.xfl = header.xfl;
      if (header.filename !== undefined) options.filename = header.filename;
    }
    if (members > 1) options.members = members;
    // The level cannot be read back from a deflate stream: it stays unknown (absent).
    return { bytes: out, options };
  },
  async encode(bytes: Uint8Array, options: StepOptions) {
    const filename = typeof options.filename === 'string' ? options.filename : undefined;
    const out = gzipSync(bytes, filename !== undefined ? { level: levelOf(options), filename } : { level: levelOf(options) });
    // fflate treats mtime 0 as "now"; write the recorded header fields ourselves.
    const mtime = typeof options.mtime === 'number' ? options.mtime >>> 0 : 0;
    out[4] = mtime & 0xff;
    out[5] = (mtime >>> 8) & 0xff;
    out[6] = (mtime >>> 16) & 0xff;
    out[7] = (mtime >>> 24) & 0xff;
    if (typeof options.xfl === 'number') out[8] = options.xfl & 0xff;
    out[9] = typeof options.os === 'number' ? options.os & 0xff : 255;
    return out;
  },
};
