/**
 * JSON text for people to read and edit, and back. Big integers (MessagePack, pickles) have no JSON
 * form and are shown as their digits; text that does not parse names its line, column and byte.
 */
import { FormatError } from '../errors.ts';
import { findJsonSyntaxError } from './json-syntax-error.ts';
import { jsonLengthAtLeast } from './json-length.ts';

export function displayJson(value: unknown, indent: number | '' = 2): string {
  try {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), indent || undefined) ?? 'null';
  } catch (e) {
    // Too long for one string, or too deep for the stack: a limit of this view, not a bug.
    if (e instanceof RangeError)
      throw new FormatError({ code: 'limit', layer: 'text', message: `The value is too large or too deep to show as text (${e.message}).` }, { cause: e });
    throw e;
  }
}

/** The text of a value when it has at most `maxChars` characters; otherwise how long it is at least, without building it. */
export function displayJsonWithin(value: unknown, maxChars: number, indent = 2): { text: string } | { tooLarge: number } {
  const atLeast = jsonLengthAtLeast(value, indent, maxChars);
  if (atLeast > maxChars) return { tooLarge: atLeast };
  const text = displayJson(value, indent);
  return text.length > maxChars ? { tooLarge: text.length } : { text };
}

export function parseEditedJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw findJsonSyntaxError(text) ?? new FormatError({ code: 'syntax', layer: 'json', message: 'The text is not valid JSON.' });
  }
}
