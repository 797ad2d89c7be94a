/**
 * Reads a DSPy signature as the user wrote it, without running Python: a string signature
 * ("question, context: list[str] -> answer", bare or quoted, or inside dspy.Predict("...") /
 * dspy.ChainOfThought("...")) or a `class X(dspy.Signature):` block with a docstring and
 * `name: type = dspy.InputField(desc=..., prefix=...)` lines. Errors say what and where (line, column).
 */
import { parseType, STR, TypeSyntaxError, type TypeExpr } from './type-expr';

export interface DeclaredField {
  name: string;
  role: 'input' | 'output';
  type: TypeExpr;
  /** The annotation as written; absent for an untyped field (DSPy takes it as str). */
  typeText?: string;
  desc?: string;
  prefix?: string;
  /** 1-based position of the field's name in the pasted text. */
  line: number;
  column: number;
}

export interface DeclaredSignature {
  form: 'string' | 'class';
  /** The class name, for the class form. */
  name?: string;
  /** The docstring, cleaned as inspect.cleandoc does. */
  instructions?: string;
  fields: DeclaredField[];
  /** True when ChainOfThought's `reasoning` output was added (a string inside dspy.ChainOfThought(...)). */
  chainOfThought?: boolean;
}

export class SignatureSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`line ${line}, column ${column}: ${message}`);
    this.name = 'SignatureSyntaxError';
  }
}

/** Size limits: a signature is a few lines; a pasted novel is refused rather than scanned. */
const MAX_CHARS = 200_000;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const REASONING_FIELD: Omit<DeclaredField, 'line' | 'column'> = {
  name: 'reasoning',
  role: 'output',
  type: STR,
  desc: '${reasoning}',
  prefix: "Reasoning: Let's think step by step in order to",
};

function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function fail(text: string, offset: number, message: string): never {
  const { line, column } = position(text, offset);
  throw new SignatureSyntaxError(message, line, column);
}

interface StringLit {
  value: string;
  start: number;
  end: number;
  /** Offset of the first character of the value (after the quotes). */
  bodyStart: number;
}

/** One Python string literal at `i` (prefixes r, u, b; single, double, triple quotes). */
function readString(text: string, i: number): StringLit | undefined {
  const m = /^([rRuUbB]{0,2})('''|"""|'|")/.exec(text.slice(i, i + 5));
  if (!m) return undefined;
  const raw = /r/i.test(m[1] ?? '');
  if (/f/i.test(m[1] ?? '')) fail(text, i, 'f-strings are not read here: write the text itself.');
  const quote = m[2] as string;
  let j = i + m[0].length;
  const bodyStart = j;
  let value = '';
  for (;;) {
    if (j >= text.length) fail(text, i, 'This string is not closed.');
    if (text.startsWith(quote, j)) break;
    const c = text[j] as string;
    if (c === '\n' && quote.length === 1) fail(text, i, 'This string is not closed before the end of the line.');
    if (c === '\\' && j + 1 < text.length) {
      const n = text[j + 1] as string;
      if (raw) {
        value += c + n;
        j += 2;
        continue;
      }
      const simple: Record<string, string> = {
        n: '\n',
        t: '\t',
        r: '\r',
        '\\': '\\',
        "'": "'",
        '"': '"',
        '\n': '',
        a: '\x07',
        b: '\b',
        f: '\f',
        v: '\v',
        '0': '\0',
      };
      if (n in simple) {
        value += simple[n];
        j += 2;
        continue;
      }
      const hex = n === 'x' ? 2 : n === 'u' ? 4 : n === 'U' ? 8 : 0;
      if (hex > 0 && /^[0-9a-fA-F]+$/.test(text.slice(j + 2, j + 2 + hex)) && text.slice(j + 2, j + 2 + hex).length === hex) {
        value += String.fromCodePoint(parseInt(text.slice(j + 2, j + 2 + hex), 16));
        j += 2 + hex;
        continue;
      }
      value += c + n;
      j += 2;
      continue;
    }
    value += c;
    j++;
  }
  return { value, start: i, end: j + quote.length, bodyStart };
}

/** inspect.cleandoc: the first line stripped, the common indentation of the rest removed, blank edges dropped. */
export function cleandoc(doc: string): string {
  const lines = doc.replace(/\t/g, '        ').split('\n');
  let margin = Infinity;
  for (const l of lines.slice(1)) if (l.trim() !== '') margin = Math.min(margin, l.length - l.trimStart().length);
  const out = [(lines[0] ?? '').trimStart(), ...lines.slice(1).map((l) => (margin === Infinity ? l : l.slice(margin)))];
  while (out.length > 0 && (out[0] ?? '').trim() === '') out.shift();
  while (out.length > 0 && (out[out.length - 1] ?? '').trim() === '') out.pop();
  return out.join('\n');
}

/** Splits `s` at commas outside brackets and quotes; returns [piece, offset] pairs. */
function splitTop(s: string, base: number): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  let depth = 0;
  let start = 0;
  let quote: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') depth--;
    else if (c === ',' && depth === 0) {
      out.push([s.slice(start, i), base + start]);
      start = i + 1;
    }
  }
  out.push([s.slice(start), base + start]);
  return out;
}

function parseTypeAt(full: string, typeText: string, offset: number): TypeExpr {
  try {
    return parseType(typeText, offset);
  } catch (e) {
    if (e instanceof TypeSyntaxError) fail(full, e.offset, `${e.message} (in the type "${typeText.trim()}")`);
    throw e;
  }
}

/** `_parse_signature`: "a, b: list[str] -> c" from `body` at `base` in `full`. */
function parseStringSignature(full: string, body: string, base: number): DeclaredField[] {
  const arrows = [...body.matchAll(/->/g)];
  if (arrows.length !== 1) fail(full, base + (arrows[1]?.index ?? 0), `A string signature needs exactly one "->" (found ${arrows.length}).`);
  const at = arrows[0]?.index ?? 0;
  const sides: Array<['input' | 'output', string, number]> = [
    ['input', body.slice(0, at), base],
    ['output', body.slice(at + 2), base + at + 2],
  ];
  const fields: DeclaredField[] = [];
  for (const [role, side, sideBase] of sides) {
    if (side.trim() === '') continue;
    for (const [piece, offset] of splitTop(side, sideBase)) {
      const lead = piece.length - piece.trimStart().length;
      const colon = piece.indexOf(':');
      const name = (colon < 0 ? piece : piece.slice(0, colon)).trim();
      const nameAt = offset + lead;
      if (name === '') fail(full, nameAt, 'A field name is missing here (two commas in a row, or a comma at the end).');
      if (!IDENT.test(name)) fail(full, nameAt, `"${name}" is not a valid field name (letters, digits and _; not starting with a digit).`);
      const typeText = colon < 0 ? undefined : piece.slice(colon + 1);
      if (typeText !== undefined && typeText.trim() === '') fail(full, offset + colon + 1, `The type of "${name}" is missing after ":".`);
      const type = typeText === undefined ? STR : parseTypeAt(full, typeText, offset + colon + 1);
      const dup = fields.find((f) => f.name === name);
      if (dup)
        fail(full, nameAt, dup.role === role ? `"${name}" is declared twice.` : `Input and output fields must have distinct names, but "${name}" is both.`);
      fields.push({ name, role, type, ...(typeText !== undefined ? { typeText: typeText.trim() } : {}), ...position(full, nameAt) });
    }
  }
  if (!fields.some((f) => f.role === 'output')) fail(full, base + at + 2, 'A signature needs at least one output field after "->".');
  return fields;
}

/** Logical lines of a class body: a newline inside brackets or a string does not end a statement. */
function logicalLines(text: string, from: number): Array<{ start: number; end: number; indent: number }> {
  const out: Array<{ start: number; end: number; indent: number }> = [];
  let i = from;
  while (i < text.length) {
    let lineStart = i;
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
    const indent = i - lineStart;
    if (i >= text.length) break;
    if (text[i] === '\n' || text[i] === '\r' || text[i] === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      i++;
      continue;
    }
    lineStart = i;
    let depth = 0;
    while (i < text.length) {
      const c = text[i] as string;
      if (c === '#') {
        while (i < text.length && text[i] !== '\n') i++;
        continue;
      }
      const s =
        c === '"' || c === "'" || (/[rRuUbB]/.test(c) && /['"]/.test(text[i + 1] ?? '') && !/[A-Za-z0-9_]/.test(text[i - 1] ?? ''))
          ? readString(text, i)
          : undefined;
      if (s) {
        i = s.end;
        continue;
      }
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') depth--;
      else if (c === '\\' && text[i + 1] === '\n') {
        i += 2;
        continue;
      } else if (c === '\n' && depth <= 0) break;
      i++;
    }
    out.push({ start: lineStart, end: i, indent });
    i++;
  }
  return out;
}

/** The keyword arguments of `InputField(...)` whose values are string literals (concatenated as Python does). */
function readFieldArgs(text: string, open: number, close: number): { desc?: string; prefix?: string } {
  const out: { desc?: string; prefix?: string } = {};
  for (const [piece, offset] of splitTop(text.slice(open + 1, close), open + 1)) {
    if (piece.trim() === '') continue;
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*/.exec(piece);
    if (!m) fail(text, offset + (piece.length - piece.trimStart().length), 'InputField/OutputField take keyword arguments only (desc=..., prefix=...).');
    const key = m[1] as string;
    if (key !== 'desc' && key !== 'prefix' && key !== 'description') continue;
    let j = offset + m[0].length;
    let value = '';
    let any = false;
    for (;;) {
      while (j < offset + piece.length && /\s/.test(text[j] as string)) j++;
      if (j >= offset + piece.length) break;
      const s = readString(text, j);
      if (!s) fail(text, j, `${key}= must be a string literal here (the text is read, never run).`);
      value += s.value;
      any = true;
      j = s.end;
    }
    if (!any) fail(text, offset, `${key}= has no value.`);
    if (key === 'prefix') out.prefix = value;
    else if (key === 'desc' || out.desc === undefined) out.desc = value;
  }
  return out;
}

function parseClass(text: string, header: RegExpExecArray): DeclaredSignature {
  const name = header[2] as string;
  const classIndent = (header[1] ?? '').length;
  const bodyFrom = header.index + header[0].length;
  const fields: DeclaredField[] = [];
  let instructions: string | undefined;
  let first = true;
  let skipDeeperThan: number | undefined;
  for (const stmt of logicalLines(text, bodyFrom)) {
    if (stmt.indent <= classIndent) break;
    if (skipDeeperThan !== undefined) {
      if (stmt.indent > skipDeeperThan) continue;
      skipDeeperThan = undefined;
    }
    const s = text.slice(stmt.start, stmt.end).trimEnd();
    if (/^(def|async\s+def|@|class)\b/.test(s) || s.startsWith('@')) {
      skipDeeperThan = stmt.indent;
      first = false;
      continue;
    }
    const doc = readString(text, stmt.start);
    if (doc && text.slice(doc.end, stmt.end).trim() === '') {
      if (first) instructions = cleandoc(doc.value);
      first = false;
      continue;
    }
    first = false;
    if (s === 'pass' || s === '...') continue;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*(:)?/.exec(s);
    if (!m) fail(text, stmt.start, `This line is not a field declaration: "${s.slice(0, 40)}".`);
    const fieldName = m[1] as string;
    // The annotation runs to the first "=" outside brackets; the value is the call after it.
    let eq = -1;
    let depth = 0;
    for (let k = m[0].length; k < s.length; k++) {
      const c = s[k];
      if (c === '[' || c === '(') depth++;
      else if (c === ']' || c === ')') depth--;
      else if (c === '=' && depth === 0) {
        eq = k;
        break;
      }
    }
    const typeText = m[2] ? s.slice(m[0].length, eq < 0 ? s.length : eq) : undefined;
    if (eq < 0) fail(text, stmt.start, `Field "${fieldName}" must be declared with dspy.InputField() or dspy.OutputField() (DSPy refuses a bare annotation).`);
    const call = /^\s*((?:[A-Za-z_][A-Za-z0-9_]*\.)*)(InputField|OutputField)\s*\(/.exec(s.slice(eq + 1));
    if (!call)
      fail(
        text,
        stmt.start + eq + 1 + (s.slice(eq + 1).length - s.slice(eq + 1).trimStart().length),
        `"${fieldName}" is not set to dspy.InputField(...) or dspy.OutputField(...).`,
      );
    const open = stmt.start + eq + 1 + call[0].length - 1;
    const close = stmt.start + s.lastIndexOf(')');
    if (close <= open) fail(text, open, 'This call is not closed with ")".');
    if (text.slice(close + 1, stmt.end).trim() !== '') fail(text, close + 1, 'Unexpected text after the field declaration.');
    if (typeText !== undefined && typeText.trim() === '') fail(text, stmt.start + m[0].length, `The type of "${fieldName}" is missing after ":".`);
    const type = typeText === undefined ? STR : parseTypeAt(text, typeText, stmt.start + m[0].length);
    if (fields.some((f) => f.name === fieldName)) fail(text, stmt.start, `"${fieldName}" is declared twice.`);
    const args = readFieldArgs(text, open, close);
    fields.push({
      name: fieldName,
      role: call[2] === 'InputField' ? 'input' : 'output',
      type,
      ...(typeText !== undefined ? { typeText: typeText.trim() } : {}),
      ...args,
      ...position(text, stmt.start),
    });
  }
  if (fields.length === 0) fail(text, header.index, `class ${name} declares no fields.`);
  // DSPy orders fields inputs first, then outputs, each in declaration order.
  const ordered = [...fields.filter((f) => f.role === 'input'), ...fields.filter((f) => f.role === 'output')];
  return { form: 'class', name, ...(instructions !== undefined ? { instructions } : {}), fields: ordered };
}

export function parseSignature(text: string): DeclaredSignature {
  if (text.length > MAX_CHARS)
    throw new SignatureSyntaxError(
      `The text is ${text.length.toLocaleString('en-US')} characters; a signature is at most ${MAX_CHARS.toLocaleString('en-US')}.`,
      1,
      1,
    );
  if (text.trim() === '') throw new SignatureSyntaxError('Nothing to read: paste a string signature or a class.', 1, 1);
  const header = /^([ \t]*)class\s+([A-Za-z_][A-Za-z0-9_]*)\s*(?:\(([^)]*)\))?\s*:/m.exec(text);
  if (header) return parseClass(text, header);
  // A string signature, bare or as a literal (possibly inside dspy.Predict("...")).
  const cot = /ChainOfThought\s*\(/.test(text);
  let body = text;
  let base = 0;
  const q = /['"]/.exec(text);
  if (q && q.index !== undefined && text.includes('->')) {
    const lit = readString(text, q.index - (/[rRuUbB]/.test(text[q.index - 1] ?? '') ? 1 : 0));
    if (lit && lit.value.includes('->')) {
      body = text.slice(lit.bodyStart, lit.end - (text.startsWith('"""', lit.start) || text.startsWith("'''", lit.start) ? 3 : 1));
      base = lit.bodyStart;
    }
  }
  const fields = parseStringSignature(text, body, base);
  if (cot && !fields.some((f) => f.name === 'reasoning')) {
    const firstOut = fields.findIndex((f) => f.role === 'output');
    const anchor = fields[firstOut] as DeclaredField;
    fields.splice(firstOut, 0, { ...REASONING_FIELD, line: anchor.line, column: anchor.column });
  }
  return { form: 'string', fields, ...(cot ? { chainOfThought: true } : {}) };
}
