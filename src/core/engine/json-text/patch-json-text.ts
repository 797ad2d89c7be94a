/**
 * Applies RFC 6902 operations to JSON TEXT so that only the edited regions change: everything
 * else (key order, number lexemes like 1.0, escapes, odd indentation) stays byte for byte.
 * Values are located with the scanner (no syntax tree), so one edit in a 100 MB text costs one
 * scan up to the edit. A run of replaces on unrelated paths is located in a single pass.
 */
import { FormatError } from '../errors.ts';
import type { Operation } from '../json-patch.ts';
import { DEFAULT_JSON_STYLE, type JsonStyle } from './json-style.ts';
import { parsePointer } from '../json-pointer.ts';
import { arrayIndex, forEachMember, locate, membersOf, skipValue, skipWs, type Located } from './json-scanner.ts';
import { quoteJsonString, stringifyJson } from './stringify-json.ts';

function patchError(op: Operation, message: string): FormatError {
  return new FormatError({ code: 'invalid', layer: 'json-patch', path: op.path, message });
}

/** Whitespace that starts the line holding `pos`, when `pos` is the first thing on its line. */
function lineIndent(text: string, pos: number): string | null {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  const prefix = text.slice(lineStart, pos);
  return /^[ \t]*$/.test(prefix) ? prefix : null;
}

function reindent(valueText: string, base: string): string {
  return base === '' ? valueText : valueText.replace(/\n/g, '\n' + base);
}

function valueText(value: unknown, style: JsonStyle, base: string): string {
  return reindent(stringifyJson(value, { ...style, trailingNewline: false, numbers: undefined }), base);
}

/** Moves an existing value's text from one indentation to another. */
function moveIndent(raw: string, fromBase: string, toBase: string): string {
  if (fromBase === toBase) return raw;
  return raw.replace(/\n([ \t]*)/g, (_m, ws: string) => '\n' + toBase + (ws.startsWith(fromBase) ? ws.slice(fromBase.length) : ws));
}

interface Splice {
  start: number;
  end: number;
  text: string;
}

function apply(text: string, s: Splice): string {
  return text.slice(0, s.start) + s.text + text.slice(s.end);
}

function parentOf(segments: string[]): { parent: string[]; last: string } {
  return { parent: segments.slice(0, -1), last: segments[segments.length - 1] as string };
}

function requireSpan(text: string, segments: string[], op: Operation, path = op.path): Located {
  const span = locate(text, segments);
  if (!span) throw patchError(op, `Nothing at ${path || '(root)'} to ${op.op}.`);
  return span;
}

function removeSplice(text: string, segments: string[], op: Operation, style: JsonStyle): Splice {
  if (segments.length === 0) throw patchError(op, 'The whole document cannot be removed.');
  const { parent, last } = parentOf(segments);
  const container = requireSpan(text, parent, op);
  const isArray = text.charCodeAt(container.start) === 0x5b;
  const { members } = membersOf(text, container.start);
  const k = members.findIndex((m) => (isArray ? m.key === arrayIndex(last) : m.key === last));
  const member = members[k];
  if (!member) throw patchError(op, `Nothing at ${op.path} to remove.`);
  if (members.length === 1) {
    return { start: container.start, end: container.end, text: isArray ? style.emptyArray : style.emptyObject };
  }
  const prev = members[k - 1];
  if (prev) return { start: prev.valueEnd, end: member.valueEnd, text: '' };
  const next = members[k + 1] as (typeof members)[number];
  return { start: member.keyStart, end: next.keyStart, text: '' };
}

function addSplice(text: string, segments: string[], op: Operation, style: JsonStyle, render: (base: string) => string): Splice {
  if (segments.length === 0) {
    const root = requireSpan(text, [], op);
    return { start: root.start, end: root.end, text: render('') };
  }
  const { parent, last } = parentOf(segments);
  const container = requireSpan(text, parent, op, '/' + parent.join('/'));
  const open = text.charCodeAt(container.start);
  if (open !== 0x7b && open !== 0x5b) throw patchError(op, `The parent of ${op.path} is not an object or array.`);
  const isArray = open === 0x5b;
  const { members } = membersOf(text, container.start);
  const parentBase = lineIndent(text, container.start) ?? memberBase(text, container.start);
  const pretty = style.indent !== '';
  const keyPart = (base: string) => (isArray ? '' : quoteJsonString(last, style) + style.keySeparator) + render(base);
  const sep = pretty ? ',' : style.itemSeparator;
  if (!isArray) {
    const existing = members.find((m) => m.key === last);
    if (existing) {
      const base = lineIndent(text, existing.keyStart) ?? parentBase;
      return { start: existing.valueStart, end: existing.valueEnd, text: render(base) };
    }
  }
  let index = members.length;
  if (isArray && last !== '-') {
    index = arrayIndex(last);
    if (index < 0 || index > members.length) throw patchError(op, `Index ${last} is out of range at ${op.path} (the array has ${members.length} items).`);
  }
  if (members.length === 0) {
    const base = parentBase + style.indent;
    const nl = pretty ? style.newline : '';
    const body = pretty ? nl + base + keyPart(base) + nl + parentBase : keyPart(base);
    return { start: container.start, end: container.end, text: (isArray ? '[' : '{') + body + (isArray ? ']' : '}') };
  }
  const sibling = members[Math.min(index, members.length - 1)] as (typeof members)[number];
  const siblingBase = lineIndent(text, sibling.keyStart);
  const base = siblingBase ?? parentBase + style.indent;
  const between = siblingBase !== null ? sep + style.newline + siblingBase : sep;
  if (index < members.length) {
    return { start: sibling.keyStart, end: sibling.keyStart, text: keyPart(base) + between };
  }
  const lastMember = members[members.length - 1] as (typeof members)[number];
  return { start: lastMember.valueEnd, end: lastMember.valueEnd, text: between + keyPart(base) };
}

function applyOne(text: string, op: Operation, style: JsonStyle): string {
  const segments = parsePointer(op.path);
  switch (op.op) {
    case 'replace': {
      const span = requireSpan(text, segments, op);
      const base = lineIndent(text, span.start) ?? memberBase(text, span.start);
      return apply(text, { start: span.start, end: span.end, text: valueText(op.value, style, base) });
    }
    case 'remove':
      return apply(text, removeSplice(text, segments, op, style));
    case 'add':
      return apply(
        text,
        addSplice(text, segments, op, style, (base) => valueText(op.value, style, base)),
      );
    case 'copy':
    case 'move': {
      if (op.from === undefined) throw patchError(op, `A ${op.op} needs "from".`);
      const fromSegments = parsePointer(op.from);
      if (op.op === 'move' && op.path.startsWith(op.from + '/')) throw patchError(op, `Cannot move ${op.from} into itself.`);
      const span = requireSpan(text, fromSegments, op, op.from);
      const raw = text.slice(span.start, span.end);
      const fromBase = memberBase(text, span.start);
      const after = op.op === 'move' ? apply(text, removeSplice(text, fromSegments, { ...op, path: op.from }, style)) : text;
      return apply(
        after,
        addSplice(after, segments, op, style, (base) => moveIndent(raw, fromBase, base)),
      );
    }
    case 'test': {
      const span = requireSpan(text, segments, op);
      const actual: unknown = JSON.parse(text.slice(span.start, span.end));
      if (JSON.stringify(actual) !== JSON.stringify(op.value)) throw patchError(op, `Test failed at ${op.path}.`);
      return text;
    }
    default:
      throw patchError(op, `Unknown operation "${(op as { op: string }).op}".`);
  }
}

/** The indentation of the line a value's member starts on (for values that share a line with their key). */
function memberBase(text: string, valueStart: number): string {
  const lineStart = text.lastIndexOf('\n', valueStart - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, valueStart))?.[0] ?? '';
}

/** Locates many pointers in one walk, descending only into containers on some wanted path. */
function locateMany(text: string, pointers: string[][]): Map<string, Located> {
  const found = new Map<string, Located>();
  interface Trie {
    children: Map<string, Trie>;
    want: string | null;
  }
  const root: Trie = { children: new Map(), want: null };
  for (const segs of pointers) {
    let node = root;
    for (const s of segs) {
      let next = node.children.get(s);
      if (!next) node.children.set(s, (next = { children: new Map(), want: null }));
      node = next;
    }
    node.want = JSON.stringify(segs);
  }
  const walk = (node: Trie, start: number): void => {
    if (node.want !== null) found.set(node.want, { start, end: skipValue(text, start) });
    if (node.children.size === 0) return;
    const c = text.charCodeAt(start);
    if (c !== 0x7b && c !== 0x5b) return;
    let remaining = node.children.size;
    forEachMember(text, start, (m) => {
      const child = node.children.get(String(m.key));
      if (!child) return false;
      walk(child, m.valueStart);
      return --remaining === 0;
    });
  };
  walk(root, skipWs(text, 0));
  return found;
}

function isPrefix(a: string[], b: string[]): boolean {
  return a.length <= b.length && a.every((s, i) => s === b[i]);
}

/** Replaces on paths where none contains another: safe to locate together and splice at once. */
function independentReplaces(ops: Operation[]): string[][] | null {
  if (ops.length < 2 || ops.some((o) => o.op !== 'replace')) return null;
  const paths = ops.map((o) => parsePointer(o.path));
  for (let i = 0; i < paths.length; i++) {
    for (let j = 0; j < paths.length; j++) {
      if (i !== j && isPrefix(paths[i] as string[], paths[j] as string[])) return null;
    }
  }
  return paths;
}

export function patchJsonText(text: string, ops: readonly Operation[], style: JsonStyle = DEFAULT_JSON_STYLE): string {
  // A leading BOM is not part of the JSON; keep it outside the edits.
  const bom = text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  let body = bom ? text.slice(1) : text;
  const list = [...ops];
  const batch = independentReplaces(list);
  if (batch) {
    const spans = locateMany(body, batch);
    const splices: Splice[] = list.map((op, i) => {
      const span = spans.get(JSON.stringify(batch[i]));
      if (!span) throw patchError(op, `Nothing at ${op.path} to replace.`);
      const base = lineIndent(body, span.start) ?? memberBase(body, span.start);
      return { start: span.start, end: span.end, text: valueText('value' in op ? op.value : undefined, style, base) };
    });
    splices.sort((a, b) => a.start - b.start);
    const parts: string[] = [];
    let at = 0;
    for (const s of splices) {
      parts.push(body.slice(at, s.start), s.text);
      at = s.end;
    }
    parts.push(body.slice(at));
    return bom + parts.join('');
  }
  for (const op of list) body = applyOne(body, op, style);
  return bom + body;
}
