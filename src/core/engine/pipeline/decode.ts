/**
 * Bytes in, document out: sniff the outermost layer, decode it, and repeat until a syntax layer
 * gives a value. Strong claims (magic bytes) are trusted and their errors reported; weak claims
 * (raw deflate, YAML-ish text) are tried in turn and fall through to "unknown format".
 */
import { FormatError, isFormatError } from '../errors.ts';
import { limitsForInput, type Limits } from '../limits.ts';
import type { LayerContext, Progress } from '../layers/layer.ts';
import { isSyntaxLayer } from '../layers/layer.ts';
import { defaultRegistry, type LayerRegistry } from '../layers/registry.ts';
import type { Recipe } from '../layers/recipe.ts';
import { throwIfAborted } from '../layers/cancel.ts';
import { looksEncrypted } from '../crypto/entropy.ts';

/**
 * Random-looking enough to be worth a key. Under 256 bytes a short structured file (a cut MessagePack
 * map, a few distinct characters) can measure as random, so it is told as what it claims to be.
 */
function looksLikeCiphertext(bytes: Uint8Array): boolean {
  return bytes.length >= 256 && looksEncrypted(bytes);
}
import { decodeUtf8 } from '../layers/text-bytes.ts';

export type SyntaxName = 'json' | 'yaml' | 'msgpack' | (string & {});

export interface DecodedDocument {
  recipe: Recipe;
  syntax: SyntaxName;
  value: unknown;
  /**
   * JSON/YAML source text (BOM included when the file had one). With `keepText: 'bytes'` it is not
   * held: each read decodes `source` again.
   */
  text?: string;
  /** With `keepText: 'bytes'`: the UTF-8 bytes `text` is decoded from (the syntax layer's own input, not a copy). */
  source?: Uint8Array;
  inputBytes: number;
  /** Size of the innermost bytes, the ones the syntax layer read. */
  decodedBytes: number;
  warnings: string[];
}

export interface DecodeOptions {
  name?: string;
  limits?: Partial<Limits>;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
  registry?: LayerRegistry;
  credentials?: LayerContext['credentials'];
  engine?: LayerContext['engine'];
  /**
   * How a text syntax's source is kept for byte-exact export: 'string' (the default) holds the
   * decoded text; 'bytes' holds the UTF-8 bytes it came from and decodes them when `text` is read.
   * A text with any character past U+00FF is a two-byte string in JavaScript engines, twice its UTF-8
   * size: a 100 MB program held as bytes is 100 MB less for as long as it is open.
   */
  keepText?: 'string' | 'bytes';
}

/** Claims at or above this are trusted: their failure is the file's failure. */
export const STRONG = 0.75;
/** A claim this sure whose data ends early is reported as truncated when nothing else fits. */
const FAIR = 0.25;
const MAX_LAYERS = 8;

function hexHead(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
}

function unknownFormat(bytes: Uint8Array, outer: Recipe): FormatError {
  const inside = outer.length > 0 ? ` inside ${outer.map((s) => s.layer).join(' → ')}` : '';
  if (looksLikeCiphertext(bytes)) {
    return new FormatError({
      code: 'maybe-encrypted',
      layer: 'detect',
      offset: 0,
      message: `No known format matches these ${bytes.length.toLocaleString('en-US')} bytes${inside}, and they look random. This may be encrypted: enter a key.`,
    });
  }
  const what = bytes.length === 0 ? 'The data is empty' : `No known format matches the data${inside} (it starts with ${hexHead(bytes)})`;
  return new FormatError({ code: 'unknown-format', layer: 'detect', offset: 0, message: `${what}.` });
}

/** Drops the suffix a layer accounts for, so inner layers see "x.json" from "x.json.gz". */
function innerName(name: string | undefined, extensions: readonly string[]): string | undefined {
  if (!name) return name;
  const lower = name.toLowerCase();
  const ext = extensions.find((e) => lower.endsWith(e));
  return ext ? name.slice(0, -ext.length) : name;
}

/** `text` as a getter over the bytes it was decoded from, so the string is only held while it is used. */
function keepAsBytes(doc: DecodedDocument, bytes: Uint8Array, layer: string): void {
  doc.source = bytes;
  Object.defineProperty(doc, 'text', { get: () => decodeUtf8(bytes, layer), enumerable: true, configurable: true });
}

async function decodeFrom(bytes: Uint8Array, name: string | undefined, outer: Recipe, ctx: LayerContext, registry: LayerRegistry): Promise<DecodedDocument> {
  throwIfAborted(ctx.signal, 'detect');
  if (outer.length >= MAX_LAYERS) {
    throw new FormatError({ code: 'limit', layer: 'detect', message: `More than ${MAX_LAYERS} nested layers (${outer.map((s) => s.layer).join(' → ')}).` });
  }
  const candidates = registry.rank(bytes, name !== undefined ? { name } : {});
  /** A fair claim that found its data cut short: a truer answer than "unknown format". */
  let truncated: FormatError | undefined;
  /**
   * Ciphertext starts with a random IV, so now and then its first bytes are some format's magic
   * (a zlib header, a pickle opcode: about 1 file in 8,000). When the bytes look random, a strong
   * claim that fails gives way to the encryption layers still to try.
   */
  let mistaken: FormatError | undefined;
  const mayBeCiphertext = looksLikeCiphertext(bytes);
  for (const [at, { layer, confidence }] of candidates.entries()) {
    try {
      if (isSyntaxLayer(layer)) {
        const r = await layer.decode(bytes, ctx);
        const doc: DecodedDocument = {
          recipe: [...outer, { layer: layer.id, options: r.options }],
          syntax: layer.id,
          value: r.value,
          inputBytes: 0,
          decodedBytes: bytes.length,
          warnings: r.warnings ?? [],
        };
        if (r.text !== undefined) {
          if (ctx.keepText === 'bytes') keepAsBytes(doc, bytes, layer.id);
          else doc.text = r.text;
        }
        return doc;
      }
      const r = await layer.decode(bytes, ctx);
      const inner = await decodeFrom(r.bytes, innerName(name, layer.extensions), [...outer, { layer: layer.id, options: r.options }], ctx, registry);
      if (r.warnings) inner.warnings.unshift(...r.warnings);
      return inner;
    } catch (e) {
      if (!isFormatError(e)) {
        if (e instanceof DOMException && e.name === 'AbortError') throw new FormatError({ code: 'cancelled', layer: layer.id, message: 'Cancelled.' });
        throw e;
      }
      const fatal = e.code === 'cancelled' || e.code === 'limit' || e.code === 'needs-key' || e.code === 'wrong-key';
      if (fatal) throw e;
      // A strong claim that fails is the answer; a weak one gives way to the next candidate.
      if (confidence >= STRONG) {
        // With no key, a claim cut short, or made on a magic too long to be chance (gzip's three bytes: 1 in
        // 16 million), is kept as the answer: a broken compressed file looks random too.
        const mistakable = mayBeCiphertext && (ctx.credentials !== undefined || (e.code !== 'truncated' && confidence < 1));
        const encryptionLeft = mistakable && candidates.slice(at + 1).some((c) => c.layer.kind === 'encryption');
        if (!encryptionLeft) throw e;
        mistaken ??= e;
        continue;
      }
      if (e.code === 'truncated' && confidence >= FAIR) truncated ??= e;
    }
  }
  if (mistaken) {
    // Only reached with no key given: the encryption layer asked for one.
    throw new FormatError(
      {
        code: 'maybe-encrypted',
        layer: 'detect',
        offset: 0,
        message: `These ${bytes.length.toLocaleString('en-US')} bytes look random and do not read as ${mistaken.layer} (${mistaken.message}). This may be encrypted: enter a key.`,
      },
      { cause: mistaken },
    );
  }
  // Random-looking bytes are more likely a key's business than a cut file.
  throw truncated && !mayBeCiphertext ? truncated : unknownFormat(bytes, outer);
}

export async function decodeBytes(bytes: Uint8Array, options: DecodeOptions = {}): Promise<DecodedDocument> {
  const ctx: LayerContext = { limits: limitsForInput(bytes.length, options.limits) };
  if (options.signal) ctx.signal = options.signal;
  if (options.onProgress) ctx.onProgress = options.onProgress;
  if (options.credentials) ctx.credentials = options.credentials;
  if (options.engine) ctx.engine = options.engine;
  if (options.keepText) ctx.keepText = options.keepText;
  try {
    const doc = await decodeFrom(bytes, options.name, [], ctx, options.registry ?? defaultRegistry);
    doc.inputBytes = bytes.length;
    return doc;
  } catch (e) {
    if (isFormatError(e)) throw e;
    if (e instanceof RangeError) {
      throw new FormatError({ code: 'limit', layer: 'detect', message: `The data is too large or too deep to decode here: ${e.message}` }, { cause: e });
    }
    throw new FormatError(
      { code: 'internal', layer: 'detect', message: `Unexpected error while decoding: ${(e as Error)?.message ?? String(e)}` },
      { cause: e },
    );
  }
}
