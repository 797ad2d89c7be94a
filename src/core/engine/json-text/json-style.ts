/**
 * How a JSON text was written, so a rewrite looks like the writer that made it. DSPy's writers:
 * ujson indent=2 with "\/" and "\uXXXX" (up to 2.6.24), ujson with raw UTF-8 (2.6.25 to 3.0.2),
 * orjson indent 2 with raw UTF-8 and a trailing newline (3.0.3 on).
 */
import { collectNumberLexemes } from './number-lexemes.ts';

export interface JsonStyle {
  /** One indent step; '' writes everything on one line. */
  indent: string;
  newline: '\n' | '\r\n';
  /** Between a key and its value: ': ' when indented, ':' or ': ' on one line. */
  keySeparator: string;
  /** Between items on one line: ',' or ', ' (ignored when indented). */
  itemSeparator: string;
  /** "/" written as "\/" (ujson). */
  escapeSlash: boolean;
  /** Every non-ASCII character written as \uXXXX (ujson before 2.6.25, Python json). */
  asciiOnly: boolean;
  hexCase: 'lower' | 'upper';
  trailingNewline: boolean;
  emptyArray: string;
  emptyObject: string;
  /**
   * Number lexemes that JavaScript would print differently (1.0, 1e-05, 12345678901234567890),
   * by JSON pointer: JSON.parse forgets them, so they are kept here to be written back.
   */
  numbers?: [pointer: string, lexeme: string][];
  /**
   * True when `numbers` was not collected at decode (it costs a full tokenizing pass): whoever writes
   * the value afresh collects them from the source text first (see withNumberLexemes).
   */
  numbersDeferred?: boolean;
}

export const DEFAULT_JSON_STYLE: JsonStyle = {
  indent: '  ',
  newline: '\n',
  keySeparator: ': ',
  itemSeparator: ',',
  escapeSlash: false,
  asciiOnly: false,
  hexCase: 'lower',
  trailingNewline: true,
  emptyArray: '[]',
  emptyObject: '{}',
};

/** Styles of DSPy's writers, for exports that should look like a given DSPy version wrote them. */
export const DSPY_JSON_STYLES = {
  ujsonAscii: { ...DEFAULT_JSON_STYLE, escapeSlash: true, asciiOnly: true, trailingNewline: false },
  ujsonUtf8: { ...DEFAULT_JSON_STYLE, escapeSlash: true, trailingNewline: false },
  orjson: { ...DEFAULT_JSON_STYLE },
} satisfies Record<string, JsonStyle>;

const SAMPLE = 64 * 1024;
/** Cheap pre-check: does the text hold any number lexeme JavaScript might print differently? */
const ODD_NUMBER = /[0-9]\.[0-9]*0(?![0-9])|[0-9][eE]|[0-9]{16}|-0(?![.0-9eE])/;

export function detectJsonStyle(text: string, { numbers = true }: { numbers?: boolean } = {}): JsonStyle {
  const head = text.slice(0, SAMPLE);
  const style: JsonStyle = { ...DEFAULT_JSON_STYLE };
  style.newline = head.includes('\r\n') ? '\r\n' : '\n';
  const firstNested = /[[{][ \t]*\r?\n([ \t]+)\S/.exec(head);
  if (firstNested?.[1] !== undefined) {
    // The first nested line's indent is one step (minus the root's own indent, usually none).
    const rootIndent = /^[ \t]*/.exec(head.slice(head.lastIndexOf('\n', firstNested.index) + 1))?.[0] ?? '';
    style.indent = firstNested[1].slice(rootIndent.length) || firstNested[1];
  } else if (!/[[{][ \t]*\r?\n/.test(head)) {
    style.indent = '';
  }
  const sep = /"(?:[^"\\\n]|\\.)*"([ \t]*:[ \t]*)/.exec(head);
  if (sep?.[1] !== undefined) style.keySeparator = sep[1];
  if (style.indent === '') {
    const item = /[\]}"0-9el](,[ \t]*)["[{0-9tfn-]/.exec(head);
    style.itemSeparator = item?.[1] ?? ',';
  }
  style.escapeSlash = text.includes('\\/');
  const escaped = /\\u([0-9a-fA-F]{4})/g;
  let m: RegExpExecArray | null;
  let hasEscapedNonAscii = false;
  let caseKnown = false;
  while ((m = escaped.exec(text)) !== null && !(caseKnown && hasEscapedNonAscii)) {
    const hex = m[1] as string;
    if (parseInt(hex, 16) >= 0x7f) hasEscapedNonAscii = true;
    if (!caseKnown && /[a-fA-F]/.test(hex)) {
      style.hexCase = /[a-f]/.test(hex) ? 'lower' : 'upper';
      caseKnown = true;
    }
  }
  // Only a file that escapes non-ASCII can be ASCII-only on purpose; the full scan for raw non-ASCII runs only then.
  style.asciiOnly = hasEscapedNonAscii && !/[^\x00-\x7f]/.test(text); // eslint-disable-line no-control-regex
  style.trailingNewline = text.endsWith('\n');
  const emptyArray = /\[[ \t\r\n]*\]/.exec(head);
  if (emptyArray) style.emptyArray = emptyArray[0];
  const emptyObject = /\{[ \t\r\n]*\}/.exec(head);
  if (emptyObject) style.emptyObject = emptyObject[0];
  if (!numbers) style.numbersDeferred = true;
  else return withNumberLexemes(style, text);
  return style;
}

/** The style with the number lexemes of `sourceText` collected, when they were deferred at decode. */
export function withNumberLexemes(style: JsonStyle, sourceText: string): JsonStyle {
  const { numbersDeferred: _deferred, ...rest } = style;
  if (!ODD_NUMBER.test(sourceText)) return rest;
  const numbers = collectNumberLexemes(sourceText);
  return numbers.length > 0 ? { ...rest, numbers } : rest;
}
