/** RFC 6901 JSON Pointers: "" is the whole document, "/a/0/b~1c" walks a, 0, "b/c". */
import { FormatError } from '../errors.ts';

export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) {
    throw new FormatError({ code: 'invalid', layer: 'json-patch', path: pointer, message: `"${pointer}" is not a JSON pointer (it must start with "/").` });
  }
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function formatPointer(segments: readonly (string | number)[]): string {
  let out = '';
  for (const s of segments) out += '/' + escapeSegment(String(s));
  return out;
}
