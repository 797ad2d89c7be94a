/**
 * YAML through the `yaml` package. Ruby's Psych writes symbol keys as `:version: 1.0.0`; they are
 * kept as written (":version") and flagged so a rewrite keeps the style. Edits go through the
 * Document API, which keeps comments and the layout of untouched nodes.
 */
import { Document, isSeq, parseDocument } from 'yaml';
import { FormatError } from '../errors.ts';
import type { Operation } from '../json-patch.ts';
import type { LayerContext, StepOptions, SyntaxEncodeInput, SyntaxLayer } from './layer.ts';
import { checkTreeLimits } from './tree-limits.ts';
import { decodeUtf8, hasBom, textStart } from './text-bytes.ts';
import { looksLikeText } from './deflate-options.ts';
import { parsePointer } from '../json-pointer.ts';

const encoder = new TextEncoder();
const MAPPING_LINE = /^[ \t]*(?:- )?(?:"[^"\n]*"|'[^'\n]*'|[^\s#'"{[\]}][^\n:#]*?)[ \t]*:(?:[ \t]|$)/m;

function hasRubySymbols(value: unknown, budget = { n: 10000 }): boolean {
  if (value === null || typeof value !== 'object' || budget.n <= 0) return false;
  if (Array.isArray(value)) return value.some((v) => hasRubySymbols(v, budget));
  for (const k of Object.keys(value)) {
    budget.n--;
    if (k.startsWith(':') && k.length > 1) return true;
    if (hasRubySymbols((value as Record<string, unknown>)[k], budget)) return true;
  }
  return false;
}

function yamlPath(segments: string[]): (string | number)[] {
  return segments.map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s));
}

function applyOp(doc: Document, op: Operation): void {
  const path = yamlPath(parsePointer(op.path));
  const parent = doc.getIn(path.slice(0, -1), true);
  const last = path[path.length - 1];
  const put = (value: unknown): void => {
    if (path.length === 0) {
      doc.contents = doc.createNode(value) as Document['contents'];
    } else if (isSeq(parent) && (op.op === 'add' || op.op === 'move' || op.op === 'copy')) {
      const items = parent.items;
      const at = last === '-' ? items.length : Number(last);
      items.splice(at, 0, doc.createNode(value) as (typeof items)[number]);
    } else {
      doc.setIn(path, value);
    }
  };
  switch (op.op) {
    case 'add':
    case 'replace':
      put(op.value);
      return;
    case 'remove':
      doc.deleteIn(path);
      return;
    case 'move':
    case 'copy': {
      const from = yamlPath(parsePointer(op.from ?? ''));
      const value: unknown = (doc.getIn(from, true) as { toJSON?: () => unknown } | undefined)?.toJSON?.() ?? doc.getIn(from);
      if (op.op === 'move') doc.deleteIn(from);
      put(value);
      return;
    }
    default:
      return;
  }
}

/** Byte offset of a character offset in UTF-8 text. */
function utf8Offset(text: string, chars: number): number {
  return encoder.encode(text.slice(0, chars)).length;
}

export const yamlLayer: SyntaxLayer = {
  id: 'yaml',
  kind: 'syntax',
  label: 'YAML',
  extensions: ['.yaml', '.yml'],
  sniff(bytes, hint) {
    if (bytes.length === 0 || !looksLikeText(bytes)) return 0;
    const head = new TextDecoder().decode(bytes.subarray(textStart(bytes), Math.min(bytes.length, 4096)));
    const named = hint?.name ? /\.ya?ml$/i.test(hint.name) : false;
    const c = head.charCodeAt(0);
    if (c === 0x7b || c === 0x5b) return named ? 0.95 : 0.3; // flow style; JSON claims it first unless named .yaml
    if (head.startsWith('---') || head.startsWith('%YAML')) return 0.8;
    if (MAPPING_LINE.test(head) || /^- /m.test(head)) return named ? 0.8 : 0.7;
    return named ? 0.4 : 0;
  },
  async decode(bytes: Uint8Array, ctx: LayerContext) {
    const text = decodeUtf8(bytes, 'yaml');
    const body = hasBom(bytes) ? text.slice(1) : text;
    ctx.onProgress?.({ stage: 'yaml', done: 0, total: bytes.length });
    const doc = parseDocument(body, { prettyErrors: false, uniqueKeys: false });
    const first = doc.errors[0];
    if (first) {
      const at = first.linePos?.[0];
      const where = at ? `line ${at.line}, column ${at.col}` : `character ${first.pos[0]}`;
      // The parser recurses per nesting level: a stack overflow is a depth limit, not a syntax error.
      if (/call stack/i.test(first.message)) {
        const offset = utf8Offset(body, first.pos[0]) + (hasBom(bytes) ? 3 : 0);
        throw new FormatError({
          code: 'limit',
          layer: 'yaml',
          offset,
          message: `YAML nests too deeply to parse (the parser ran out of stack at ${where}, byte ${offset.toLocaleString('en-US')}; the depth limit is ${ctx.limits.maxDepth}).`,
        });
      }
      throw new FormatError({ code: 'syntax', layer: 'yaml', offset: first.pos[0], message: `YAML syntax error at ${where}: ${first.message.split('\n')[0]}` });
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      throw new FormatError({ code: 'limit', layer: 'yaml', message: `YAML could not be expanded: ${(e as Error).message}` }, { cause: e });
    }
    checkTreeLimits(value, ctx.limits, 'yaml');
    ctx.onProgress?.({ stage: 'yaml', done: bytes.length, total: bytes.length });
    const options: StepOptions = {};
    if (/^---/.test(body)) options.documentStart = true;
    // Psych writes "- item" at the key's indentation; the yaml package indents it by default.
    if (/^([ \t]*)[^\s#-][^\n]*:[ \t]*\r?\n\1- /m.test(body)) options.indentSeq = false;
    if (hasRubySymbols(value)) options.rubySymbols = true;
    if (hasBom(bytes)) options.bom = true;
    return { value, text, options };
  },
  async encode(input: SyntaxEncodeInput, options: StepOptions) {
    const bom = options.bom === true ? '\ufeff' : '';
    const toStringOptions = { indentSeq: options.indentSeq !== false, lineWidth: 0 };
    if (input.source) {
      const ops = input.source.ops ?? [];
      if (ops.length === 0) return encoder.encode(input.source.text);
      const src = input.source.text.charCodeAt(0) === 0xfeff ? input.source.text.slice(1) : input.source.text;
      // A text with duplicate keys reads as its last value but would be edited at its first: such a
      // text (or one whose edit does not fit its node tree) is written afresh from the value instead.
      const doc = parseDocument(src, { prettyErrors: false });
      if (doc.errors.length === 0) {
        try {
          for (const op of ops) applyOp(doc, op);
          return encoder.encode(bom + doc.toString(toStringOptions));
        } catch {
          // falls through to the fresh write
        }
      }
    }
    const doc = new Document(input.value);
    if (options.documentStart === true && doc.directives) doc.directives.docStart = true;
    let text = doc.toString(toStringOptions);
    if (options.documentStart === true && !text.startsWith('---')) text = '---\n' + text;
    return encoder.encode(bom + text);
  },
};
