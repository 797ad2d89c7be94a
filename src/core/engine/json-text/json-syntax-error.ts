/**
 * Finds where JSON text goes wrong and what was expected there. Only run after JSON.parse failed,
 * so it can afford to be a plain character walk; it keeps an explicit stack, never recursion, so
 * hostile nesting cannot overflow it.
 */
import type { FormatError } from '../errors.ts';
import { scanError } from './json-scanner.ts';

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
// eslint-disable-next-line no-control-regex -- JSON forbids raw control characters in strings
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

function ws(t: string, i: number): number {
  for (;;) {
    const c = t.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
    else return i;
  }
}

/** Returns the error for the first problem in `text`, or null when it is valid JSON. */
export function findJsonSyntaxError(text: string, byteBase = 0): FormatError | null {
  const stack: number[] = []; // 0x7d for objects, 0x5d for arrays
  const fail = (i: number, what: string) => scanError(text, i, what, byteBase);
  let i = ws(text, 0);
  // 'value' expects a value; 'after' expects ',' or a closer; 'key' expects a key
  let state: 'value' | 'after' | 'key' | 'key-or-close' | 'value-or-close' = 'value';
  for (;;) {
    if (state === 'after') {
      i = ws(text, i);
      const top = stack[stack.length - 1];
      if (top === undefined) return i < text.length ? fail(i, 'unexpected text after the end of the document') : null;
      const c = text.charCodeAt(i);
      if (c === 0x2c) {
        i = ws(text, i + 1);
        state = top === 0x7d ? 'key' : 'value';
        continue;
      }
      if (c === top) {
        stack.pop();
        i++;
        continue;
      }
      return fail(i, `expected ',' or '${String.fromCharCode(top)}'`);
    }
    if (i >= text.length) return fail(i, state === 'value' || state === 'value-or-close' ? 'expected a value' : 'expected a key');
    const c = text.charCodeAt(i);
    if (state === 'key' || state === 'key-or-close') {
      if (state === 'key-or-close' && c === 0x7d) {
        stack.pop();
        i++;
        state = 'after';
        continue;
      }
      STRING.lastIndex = i;
      if (c !== 0x22 || !STRING.test(text)) return fail(i, c === 0x22 ? 'invalid string' : 'expected a key in double quotes');
      i = ws(text, STRING.lastIndex);
      if (text.charCodeAt(i) !== 0x3a) return fail(i, "expected ':'");
      i = ws(text, i + 1);
      state = 'value';
      continue;
    }
    if (state === 'value-or-close' && c === 0x5d) {
      stack.pop();
      i++;
      state = 'after';
      continue;
    }
    if (c === 0x7b) {
      stack.push(0x7d);
      i = ws(text, i + 1);
      state = 'key-or-close';
    } else if (c === 0x5b) {
      stack.push(0x5d);
      i = ws(text, i + 1);
      state = 'value-or-close';
    } else if (c === 0x22) {
      STRING.lastIndex = i;
      if (!STRING.test(text)) return fail(i, 'invalid string (unescaped control character, bad escape or no closing quote)');
      i = STRING.lastIndex;
      state = 'after';
    } else if (text.startsWith('true', i)) {
      i += 4;
      state = 'after';
    } else if (text.startsWith('false', i)) {
      i += 5;
      state = 'after';
    } else if (text.startsWith('null', i)) {
      i += 4;
      state = 'after';
    } else {
      NUMBER.lastIndex = i;
      if (!NUMBER.test(text)) return fail(i, 'expected a value');
      i = NUMBER.lastIndex;
      state = 'after';
    }
  }
}
