/**
 * A fast scanner over JSON text that finds where values start and end without building a tree:
 * it skips strings with indexOf and containers by counting brackets, so locating one pointer in a
 * 100 MB text costs one pass up to that place and allocates almost nothing.
 */
import { FormatError } from '../errors.ts';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

export function skipWs(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
    else return i;
  }
}

/** `i` is at the opening quote; returns the index after the closing quote. */
export function skipString(text: string, i: number): number {
  let at = i + 1;
  for (;;) {
    const q = text.indexOf('"', at);
    if (q < 0) throw scanError(text, text.length, 'the string never ends');
    let bs = 0;
    for (let k = q - 1; k > i && text.charCodeAt(k) === BACKSLASH; k--) bs++;
    if (bs % 2 === 0) return q + 1;
    at = q + 1;
  }
}

/** `i` is at the first character of a value; returns the index after it. */
export function skipValue(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === QUOTE) return skipString(text, i);
  if (c === 0x7b || c === 0x5b) {
    let depth = 0;
    let at = i;
    const n = text.length;
    while (at < n) {
      const ch = text.charCodeAt(at);
      if (ch === QUOTE) {
        at = skipString(text, at);
        continue;
      }
      if (ch === 0x7b || ch === 0x5b) depth++;
      else if (ch === 0x7d || ch === 0x5d) {
        depth--;
        if (depth === 0) return at + 1;
      }
      at++;
    }
    throw scanError(text, n, 'the text ends inside a container');
  }
  // number, true, false, null: runs until a delimiter
  let at = i;
  for (;;) {
    const ch = text.charCodeAt(at);
    if (Number.isNaN(ch) || ch === 0x2c || ch === 0x7d || ch === 0x5d || ch === 0x20 || ch === 0x0a || ch === 0x0d || ch === 0x09) break;
    at++;
  }
  if (at === i) throw scanError(text, i, 'expected a value');
  return at;
}

export function readKey(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end - 1);
  return raw.includes('\\') ? (JSON.parse(text.slice(start, end)) as string) : raw;
}

/** One member of a container: for objects keyStart is the key's quote, for arrays it equals valueStart. */
export interface MemberSpan {
  key: string | number;
  keyStart: number;
  valueStart: number;
  valueEnd: number;
}

export interface ContainerSpan {
  kind: 'object' | 'array';
  start: number;
  end: number;
}

/** Calls `visit` for each member of the container at `start`; stops early when visit returns true. */
export function forEachMember(text: string, start: number, visit: (m: MemberSpan) => boolean | void): number {
  const open = text.charCodeAt(start);
  const isObject = open === 0x7b;
  if (!isObject && open !== 0x5b) throw scanError(text, start, 'expected an object or array');
  const close = isObject ? 0x7d : 0x5d;
  let i = skipWs(text, start + 1);
  if (text.charCodeAt(i) === close) return i + 1;
  for (let index = 0; ; index++) {
    let key: string | number = index;
    const keyStart = i;
    if (isObject) {
      if (text.charCodeAt(i) !== QUOTE) throw scanError(text, i, 'expected a key');
      const keyEnd = skipString(text, i);
      key = readKey(text, i, keyEnd);
      i = skipWs(text, keyEnd);
      if (text.charCodeAt(i) !== 0x3a) throw scanError(text, i, "expected ':'");
      i = skipWs(text, i + 1);
    }
    const valueStart = i;
    const valueEnd = skipValue(text, i);
    if (visit({ key, keyStart, valueStart, valueEnd }) === true) return -1;
    i = skipWs(text, valueEnd);
    const c = text.charCodeAt(i);
    if (c === close) return i + 1;
    if (c !== 0x2c) throw scanError(text, i, `expected ',' or '${String.fromCharCode(close)}'`);
    i = skipWs(text, i + 1);
  }
}

export function membersOf(text: string, start: number): { members: MemberSpan[]; end: number } {
  const members: MemberSpan[] = [];
  const end = forEachMember(text, start, (m) => {
    members.push(m);
  });
  return { members, end };
}

export interface Located {
  start: number;
  end: number;
}

/** Span of the value at `segments`, or null when a segment is missing. */
export function locate(text: string, segments: readonly string[], from = skipWs(text, 0)): Located | null {
  let start = from;
  for (const seg of segments) {
    const c = text.charCodeAt(start);
    if (c !== 0x7b && c !== 0x5b) return null;
    const wantIndex = c === 0x5b ? arrayIndex(seg) : -1;
    if (c === 0x5b && wantIndex < 0) return null;
    let found: MemberSpan | null = null;
    forEachMember(text, start, (m) => {
      if (c === 0x7b ? m.key === seg : m.key === wantIndex) {
        found = m;
        return true;
      }
      return false;
    });
    if (!found) return null;
    start = (found as MemberSpan).valueStart;
  }
  return { start, end: skipValue(text, start) };
}

export function arrayIndex(seg: string): number {
  return /^(0|[1-9][0-9]*)$/.test(seg) ? Number(seg) : -1;
}

/** Line, column (1-based) and UTF-8 byte offset of a character index. */
export function positionOf(text: string, index: number, byteBase = 0): { line: number; column: number; byte: number } {
  let line = 1;
  let lineStart = 0;
  let byte = byteBase;
  for (let i = 0; i < index && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      line++;
      lineStart = i + 1;
    }
    if (c < 0x80) byte += 1;
    else if (c < 0x800) byte += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      byte += 4;
      i++;
    } else byte += 3;
  }
  return { line, column: index - lineStart + 1, byte };
}

export function scanError(text: string, index: number, expected: string, byteBase = 0): FormatError {
  const p = positionOf(text, index, byteBase);
  return new FormatError({
    code: index >= text.length ? 'truncated' : 'syntax',
    layer: 'json',
    offset: p.byte,
    message: `JSON syntax error at line ${p.line}, column ${p.column} (byte ${p.byte.toLocaleString('en-US')}): ${expected}.`,
  });
}
