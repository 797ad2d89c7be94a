/**
 * Finds numbers whose written form JavaScript would not reproduce (1.0, 1e-05, -0, big integers),
 * with their JSON pointers. One tokenizing pass; only run when a cheap regex says there may be any.
 */
import { escapeSegment } from '../json-pointer.ts';
import { readKey, skipString, skipWs } from './json-scanner.ts';

export function canonicalNumber(lexeme: string): boolean {
  return String(Number(lexeme)) === lexeme;
}

export function collectNumberLexemes(text: string): [string, string][] {
  const out: [string, string][] = [];
  // Each frame: the pointer of the container, whether it is an array, and its next index.
  const stack: { ptr: string; array: boolean; index: number; key: string }[] = [];
  let i = skipWs(text, 0);
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    const top = stack[stack.length - 1];
    if (c === 0x22) {
      const end = skipString(text, i);
      if (top && !top.array && text.charCodeAt(skipWs(text, end)) === 0x3a) {
        top.key = readKey(text, i, end);
        i = skipWs(text, end) + 1;
      } else {
        if (top?.array) top.index++;
        i = end;
      }
    } else if (c === 0x7b || c === 0x5b) {
      const ptr = top ? top.ptr + '/' + (top.array ? String(top.index) : escapeSegment(top.key)) : '';
      if (top?.array) top.index++;
      stack.push({ ptr, array: c === 0x5b, index: 0, key: '' });
      i++;
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
      i++;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      let end = i + 1;
      for (;;) {
        const d = text.charCodeAt(end);
        if ((d >= 0x30 && d <= 0x39) || d === 0x2e || d === 0x65 || d === 0x45 || d === 0x2b || d === 0x2d) end++;
        else break;
      }
      const lexeme = text.slice(i, end);
      if (!canonicalNumber(lexeme)) {
        const ptr = top ? top.ptr + '/' + (top.array ? String(top.index) : escapeSegment(top.key)) : '';
        out.push([ptr, lexeme]);
      }
      if (top?.array) top.index++;
      i = end;
    } else if (c === 0x74 || c === 0x66 || c === 0x6e) {
      if (top?.array) top.index++;
      i += c === 0x66 ? 5 : 4;
    } else {
      i++;
    }
  }
  return out;
}
