/**
 * RFC 6901 JSON pointers: the one way every layer, adapter, edit and error names a place in a value.
 */
import { FormatError } from './errors';

export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) {
    throw new FormatError({ code: 'invalid', layer: 'pointer', message: `A JSON pointer starts with "/": ${JSON.stringify(pointer)}`, path: pointer });
  }
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function formatPointer(segments: ReadonlyArray<string | number>): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

export function joinPointer(base: string, ...segments: Array<string | number>): string {
  return base + formatPointer(segments);
}

/** The value at `pointer`; a missing step is a typed error naming the deepest existing path. */
export function getAtPointer(root: unknown, pointer: string): unknown {
  let value = root;
  let walked = '';
  for (const segment of parsePointer(pointer)) {
    if (Array.isArray(value)) {
      const index = Number(segment);
      if (!/^(0|[1-9]\d*)$/.test(segment) || index >= value.length) {
        throw missing(pointer, walked, segment);
      }
      value = value[index];
    } else if (value !== null && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, segment)) {
      value = (value as Record<string, unknown>)[segment];
    } else {
      throw missing(pointer, walked, segment);
    }
    walked += formatPointer([segment]);
  }
  return value;
}

function missing(pointer: string, walked: string, segment: string): FormatError {
  return new FormatError({
    code: 'invalid',
    layer: 'pointer',
    message: `Nothing at ${pointer}: ${walked || 'the root'} has no ${JSON.stringify(segment)}.`,
    path: pointer,
  });
}
