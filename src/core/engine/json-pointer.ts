/**
 * RFC 6901 JSON pointers: the one way every layer, adapter, edit and error names a place in a value.
 */
import { FormatError } from './errors';

export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) {
    throw new FormatError({ code: 'invalid', layer: 'pointer', message: `A JSON pointer starts with "/": ${JSON.stringify(pointer)}`, path: pointer });
  }
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function formatPointer(segments: ReadonlyArray<string | number>): string {
  let out = '';
  for (const s of segments) out += '/' + escapeSegment(String(s));
  return out;
}

export function joinPointer(base: string, ...segments: Array<string | number>): string {
  return base + formatPointer(segments);
}

/** The value at `pointer`, or undefined when any step is missing. Own properties only. */
export function getAt(root: unknown, pointer: string): unknown {
  let cur: unknown = root;
  for (const token of parsePointer(pointer)) {
    if (Array.isArray(cur)) {
      if (!/^(0|[1-9]\d*)$/.test(token)) return undefined;
      cur = cur[Number(token)];
    } else if (cur !== null && typeof cur === 'object' && Object.prototype.hasOwnProperty.call(cur, token)) {
      cur = (cur as Record<string, unknown>)[token];
    } else {
      return undefined;
    }
  }
  return cur;
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
