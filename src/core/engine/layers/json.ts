/**
 * JSON: one TextDecoder pass and one JSON.parse, then a cheap limits walk. The source text and its
 * style are kept so an untouched document is written back byte for byte and edits are spliced in.
 */
import { FormatError } from '../errors.ts';
import type { LayerContext, StepOptions, SyntaxEncodeInput, SyntaxLayer } from './layer.ts';
import { checkTreeLimits } from './tree-limits.ts';
import { detectJsonStyle, type JsonStyle } from '../json-text/json-style.ts';
import { stringifyJson } from '../json-text/stringify-json.ts';
import { patchJsonText } from '../json-text/patch-json-text.ts';
import { findJsonSyntaxError } from '../json-text/json-syntax-error.ts';
import { decodeUtf8, hasBom, textStart } from './text-bytes.ts';
import { looksEncrypted } from '../crypto/entropy.ts';

const encoder = new TextEncoder();

/** First non-space character of text bytes (after a BOM), or -1. */
function firstChar(bytes: Uint8Array): number {
  const at = textStart(bytes);
  return at < bytes.length ? (bytes[at] as number) : -1;
}

/** A byte below 0x20 other than tab, LF and CR among the first `n`: JSON text never has one. */
function hasControlByte(bytes: Uint8Array, n: number): boolean {
  const end = Math.min(bytes.length, n);
  for (let i = 0; i < end; i++) {
    const b = bytes[i] as number;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return true;
  }
  return false;
}

function startsWithWord(bytes: Uint8Array, word: string): boolean {
  const at = textStart(bytes);
  for (let i = 0; i < word.length; i++) if (bytes[at + i] !== word.charCodeAt(i)) return false;
  const after = bytes[at + word.length];
  return after === undefined || after === 0x20 || after === 0x0a || after === 0x0d || after === 0x09;
}

export function parseJsonText(text: string, ctx: LayerContext, byteBase: number): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    let located: FormatError | null;
    try {
      located = findJsonSyntaxError(text, byteBase);
    } catch {
      located = null;
    }
    if (located) throw located;
    if (e instanceof RangeError) {
      throw new FormatError({ code: 'limit', layer: 'json', message: `JSON nests too deeply to parse (over ${ctx.limits.maxDepth} levels).` });
    }
    throw new FormatError({ code: 'syntax', layer: 'json', message: `JSON syntax error: ${(e as Error).message}` }, { cause: e });
  }
}

export const jsonLayer: SyntaxLayer = {
  id: 'json',
  kind: 'syntax',
  label: 'JSON',
  extensions: ['.json'],
  sniff(bytes, hint) {
    const c = firstChar(bytes);
    const named = hint?.name ? /\.json$/i.test(hint.name) : false;
    if (c === 0x7b || c === 0x5b) {
      // Ciphertext starts with a random IV: 2 in 256 start with `{` or `[`. Those are claimed only weakly,
      // so a key is asked for (or tried) instead of a JSON error at byte 3.
      if (hasControlByte(bytes, 64) && looksEncrypted(bytes)) return 0.2;
      return named ? 0.95 : 0.9;
    }
    if (c === 0x22 || c === 0x2d || (c >= 0x30 && c <= 0x39)) return 0.45;
    if (startsWithWord(bytes, 'true') || startsWithWord(bytes, 'false') || startsWithWord(bytes, 'null')) return 0.45;
    return 0;
  },
  async decode(bytes: Uint8Array, ctx: LayerContext) {
    ctx.onProgress?.({ stage: 'json', done: 0, total: bytes.length });
    const bom = hasBom(bytes);
    const text = decodeUtf8(bytes, 'json');
    const body = bom ? text.slice(1) : text;
    const value = parseJsonText(body, ctx, bom ? 3 : 0);
    // A text shorter than a cap cannot hold a string or container that breaks it.
    if (body.length / 2 > ctx.limits.maxDepth || body.length > ctx.limits.maxKeys) {
      checkTreeLimits(value, ctx.limits, 'json', body.length > ctx.limits.maxStringLength);
    }
    ctx.onProgress?.({ stage: 'json', done: bytes.length, total: bytes.length });
    // Number lexemes need a full tokenizing pass; they are collected only when a value is written afresh.
    const options: StepOptions = { style: detectJsonStyle(body, { numbers: false }) };
    if (bom) options.bom = true;
    return { value, text, options };
  },
  async encode(input: SyntaxEncodeInput, options: StepOptions) {
    const style = (options.style as JsonStyle | undefined) ?? undefined;
    const bom = options.bom === true;
    let text: string;
    if (input.source) {
      const src = input.source.text;
      const ops = input.source.ops ?? [];
      text = ops.length === 0 ? src : patchJsonText(src, ops, style);
      // The source text carries its own BOM; honour the recipe when it says otherwise.
      const hadBom = src.charCodeAt(0) === 0xfeff;
      if (hadBom && !bom) text = text.slice(1);
      else if (!hadBom && bom) text = '\ufeff' + text;
    } else {
      text = (bom ? '\ufeff' : '') + stringifyJson(input.value, style);
    }
    return encoder.encode(text);
  },
};
