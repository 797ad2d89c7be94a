/**
 * Writes a value as JSON text in a given style. The common case (no kept number lexemes, no
 * bigints, JSON.stringify's own layout) is JSON.stringify plus global rewrites that are safe
 * because "/" and non-ASCII characters only ever occur inside strings in JSON output.
 */
import { DEFAULT_JSON_STYLE, type JsonStyle } from './json-style.ts';
import { escapeSegment } from '../json-pointer.ts';

function hex4(code: number, upper: boolean): string {
  const h = code.toString(16).padStart(4, '0');
  return '\\u' + (upper ? h.toUpperCase() : h);
}

function postProcess(out: string, style: JsonStyle): string {
  if (style.escapeSlash) out = out.replace(/\//g, '\\/');
  if (style.asciiOnly) {
    const upper = style.hexCase === 'upper';
    // eslint-disable-next-line no-control-regex -- the range is "everything that is not ASCII"
    out = out.replace(/[^\u0000-\u007f]/g, (ch) => hex4(ch.charCodeAt(0), upper));
  }
  return out;
}

export function quoteJsonString(s: string, style: JsonStyle): string {
  return postProcess(JSON.stringify(s), style);
}

function fastPathFits(style: JsonStyle): boolean {
  if (style.numbers && style.numbers.length > 0) return false;
  if (style.emptyArray !== '[]' || style.emptyObject !== '{}') return false;
  if (style.indent === '') return style.keySeparator === ':' && style.itemSeparator === ',';
  return style.keySeparator === ': ' && /^( +|\t+)$/.test(style.indent);
}

type Writer = (value: unknown, pointer: string, level: number) => string;

function slowStringify(value: unknown, style: JsonStyle): string {
  const lexemes = new Map(style.numbers ?? []);
  const track = lexemes.size > 0;
  const nl = style.indent === '' ? '' : style.newline;
  const itemSep = style.indent === '' ? style.itemSeparator : ',';
  const write: Writer = (v, pointer, level) => {
    if (v === null || v === undefined) return 'null';
    switch (typeof v) {
      case 'string':
        return quoteJsonString(v, style);
      case 'boolean':
        return v ? 'true' : 'false';
      case 'bigint':
        return v.toString();
      case 'number': {
        const kept = track ? lexemes.get(pointer) : undefined;
        if (kept !== undefined && Number(kept) === v) return kept;
        return Number.isFinite(v) ? String(v) : 'null';
      }
      case 'object':
        break;
      default:
        return 'null';
    }
    const inner = style.indent.repeat(level + 1);
    const outer = style.indent.repeat(level);
    if (Array.isArray(v)) {
      if (v.length === 0) return style.emptyArray;
      const parts = v.map((item, i) => inner + write(item, track ? pointer + '/' + i : '', level + 1));
      return '[' + nl + parts.join(itemSep + nl) + nl + outer + ']';
    }
    if (v instanceof Uint8Array) return write(Array.from(v), pointer, level);
    const keys = Object.keys(v as object);
    if (keys.length === 0) return style.emptyObject;
    const obj = v as Record<string, unknown>;
    const parts: string[] = [];
    for (const k of keys) {
      if (obj[k] === undefined) continue;
      parts.push(inner + quoteJsonString(k, style) + style.keySeparator + write(obj[k], track ? pointer + '/' + escapeSegment(k) : '', level + 1));
    }
    if (parts.length === 0) return style.emptyObject;
    return '{' + nl + parts.join(itemSep + nl) + nl + outer + '}';
  };
  return write(value, '', 0);
}

/** JSON text of `value` as the writer of `style` would have produced it. */
export function stringifyJson(value: unknown, style: JsonStyle = DEFAULT_JSON_STYLE): string {
  let out: string | undefined;
  if (fastPathFits(style)) {
    try {
      out = JSON.stringify(value, null, style.indent === '' ? undefined : style.indent);
      out = postProcess(out ?? 'null', style);
      if (style.newline === '\r\n') out = out.replace(/\n/g, '\r\n');
    } catch (e) {
      if (!(e instanceof TypeError)) throw e; // bigint: take the slow path
      out = undefined;
    }
  }
  if (out === undefined) out = slowStringify(value, style);
  return style.trailingNewline ? out + style.newline : out;
}
