/**
 * Signature strings of Desiru and the envelope: `question: string -> answer: string, rationale: string "why"`.
 * Rules: exactly one `->`; fields split on commas outside `[...]` and quotes; `name`, `name: type`,
 * `name: type "description"`; `?` on the name or in the type marks optional; a bare name is a string.
 * Each field keeps its span in the source, so editing one field rewrites only that span and an
 * unedited string is written back byte for byte.
 */
import type { FieldInfo } from '../../model/program';

export interface ParsedSignatureField extends FieldInfo {
  /** Span of the field's text (trimmed) in the source string. */
  start: number;
  end: number;
  /** Where the `?` was: on the name (`name?: t`) or in the type (`name: t?`). */
  optionalOn?: 'name' | 'type';
  /** True when the type was written out (a bare name means string). */
  typeWritten: boolean;
}

export interface ParsedSignature {
  raw: string;
  fields: ParsedSignatureField[];
}

function splitTopLevel(s: string, base: number): Array<{ text: string; start: number }> {
  const parts: Array<{ text: string; start: number }> = [];
  let depth = 0;
  let quote = false;
  let from = 0;
  for (let i = 0; i <= s.length; i++) {
    const c = s[i];
    if (i === s.length || (c === ',' && depth === 0 && !quote)) {
      parts.push({ text: s.slice(from, i), start: base + from });
      from = i + 1;
    } else if (c === '"') quote = !quote;
    else if (!quote && c === '[') depth++;
    else if (!quote && c === ']') depth = Math.max(0, depth - 1);
  }
  return parts;
}

function parseField(text: string, start: number, role: 'input' | 'output'): ParsedSignatureField | undefined {
  const lead = text.length - text.trimStart().length;
  const body = text.trim();
  if (body === '') return undefined;
  const begin = start + lead;
  let rest = body;
  let description: string | undefined;
  const d = /^([^"]+?)\s+"([^"]*)"$/.exec(body);
  if (d) {
    rest = d[1] ?? '';
    description = d[2];
  }
  const colon = rest.indexOf(':');
  let name = (colon < 0 ? rest : rest.slice(0, colon)).trim();
  let type = colon < 0 ? undefined : rest.slice(colon + 1).trim();
  let optionalOn: 'name' | 'type' | undefined;
  if (name.endsWith('?')) {
    name = name.slice(0, -1);
    optionalOn = 'name';
  }
  if (type?.endsWith('?')) {
    type = type.slice(0, -1);
    optionalOn = 'type';
  }
  const field: ParsedSignatureField = {
    name,
    nameInferred: false,
    role,
    type: type === undefined || type === '' ? 'string' : type,
    optional: optionalOn !== undefined,
    start: begin,
    end: begin + body.length,
    typeWritten: type !== undefined && type !== '',
  };
  if (description !== undefined) field.description = description;
  if (optionalOn) field.optionalOn = optionalOn;
  return field;
}

/** Positions of `->` outside quoted descriptions. */
function arrows(raw: string): number[] {
  const out: number[] = [];
  let quote = false;
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === '"') quote = !quote;
    else if (!quote && raw[i] === '-' && raw[i + 1] === '>') out.push(i);
  }
  return out;
}

export function parseSignatureString(raw: string): ParsedSignature | undefined {
  const found = arrows(raw);
  const arrow = found[0];
  if (arrow === undefined || found.length !== 1) return undefined;
  const fields: ParsedSignatureField[] = [];
  for (const p of splitTopLevel(raw.slice(0, arrow), 0)) {
    const f = parseField(p.text, p.start, 'input');
    if (f) fields.push(f);
  }
  for (const p of splitTopLevel(raw.slice(arrow + 2), arrow + 2)) {
    const f = parseField(p.text, p.start, 'output');
    if (f) fields.push(f);
  }
  return { raw, fields };
}

export function renderField(f: ParsedSignatureField): string {
  let s = f.name + (f.optional && f.optionalOn !== 'type' ? '?' : '');
  const needType = f.typeWritten || (f.type !== undefined && f.type !== 'string') || (f.optional === true && f.optionalOn === 'type');
  if (needType) s += ': ' + (f.type ?? 'string') + (f.optional && f.optionalOn === 'type' ? '?' : '');
  if (f.description !== undefined && f.description !== '') s += ` "${f.description.replace(/"/g, "'")}"`;
  return s;
}

/** The source string with field `index` replaced by `field` rendered; other bytes unchanged. */
export function replaceFieldText(parsed: ParsedSignature, index: number, field: ParsedSignatureField): string {
  const old = parsed.fields[index];
  if (!old) return parsed.raw;
  return parsed.raw.slice(0, old.start) + renderField(field) + parsed.raw.slice(old.end);
}
