/**
 * JSON text for people to read and edit, and back. Big integers (MessagePack, pickles) have no JSON
 * form and are shown as their digits; text that does not parse names its line, column and byte.
 */
import { FormatError } from '../errors.ts';
import { findJsonSyntaxError } from './json-syntax-error.ts';

export function displayJson(value: unknown, indent: number | '' = 2): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), indent || undefined) ?? 'null';
}

export function parseEditedJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw findJsonSyntaxError(text) ?? new FormatError({ code: 'syntax', layer: 'json', message: 'The text is not valid JSON.' });
  }
}
