/**
 * Python type annotations as text ("list[str]", "Literal['yes', 'no']", "dict[str, Any]",
 * "Optional[int]", "str | None", "dspy.Image"), parsed without running Python, and the three
 * things DSPy's adapters derive from an annotation: its printed name (`get_annotation_name`), the
 * note on an output field's placeholder (`translate_field_type`) and pydantic's JSON schema for it.
 */

export type LiteralValue = { kind: 'str'; value: string } | { kind: 'num'; text: string } | { kind: 'bool'; value: boolean } | { kind: 'none' };

export type TypeExpr =
  | { kind: 'name'; name: string }
  | { kind: 'generic'; name: string; args: TypeExpr[]; ellipsis?: boolean }
  | { kind: 'literal'; values: LiteralValue[] }
  | { kind: 'union'; args: TypeExpr[] };

export class TypeSyntaxError extends Error {
  constructor(
    message: string,
    /** 0-based offset in the annotation text. */
    readonly offset: number,
  ) {
    super(message);
  }
}

export const STR: TypeExpr = { kind: 'name', name: 'str' };

/** typing's aliases print as the builtin they stand for (List[str] is list[str] to get_annotation_name). */
const ALIASES: Record<string, string> = { List: 'list', Dict: 'dict', Tuple: 'tuple', Set: 'set', FrozenSet: 'frozenset', Type: 'type' };

function baseName(dotted: string): string {
  const last = dotted.slice(dotted.lastIndexOf('.') + 1);
  return ALIASES[last] ?? last;
}

/** Parses one annotation; `offset` shifts error positions when the text sits inside a larger one. */
export function parseType(text: string, offset = 0): TypeExpr {
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
  };
  const fail = (msg: string): never => {
    throw new TypeSyntaxError(msg, offset + i);
  };
  const literalValue = (): LiteralValue => {
    ws();
    const c = text[i];
    if (c === '"' || c === "'") {
      const quote = c;
      let s = '';
      i++;
      while (i < text.length && text[i] !== quote) {
        if (text[i] === '\\' && i + 1 < text.length) {
          const n = text[i + 1] as string;
          s += n === 'n' ? '\n' : n === 't' ? '\t' : n;
          i += 2;
        } else s += text[i++];
      }
      if (text[i] !== quote) fail('This string is not closed.');
      i++;
      return { kind: 'str', value: s };
    }
    const m = /^-?\d+(\.\d+)?([eE][-+]?\d+)?/.exec(text.slice(i));
    if (m) {
      i += m[0].length;
      return { kind: 'num', text: m[0] };
    }
    const w = /^(True|False|None)\b/.exec(text.slice(i));
    if (w) {
      i += w[0].length;
      return w[1] === 'None' ? { kind: 'none' } : { kind: 'bool', value: w[1] === 'True' };
    }
    return fail('Literal[...] takes strings, numbers, True, False or None.');
  };
  const atom = (): TypeExpr => {
    ws();
    const m = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(text.slice(i));
    if (!m) {
      if (text.startsWith('...', i)) fail('"..." only closes a tuple[...] annotation.');
      return fail(i >= text.length ? 'A type is missing here.' : `Unexpected "${text[i]}" in a type.`);
    }
    const dotted = m[0];
    i += dotted.length;
    ws();
    if (text[i] !== '[') return { kind: 'name', name: dotted === 'None' ? 'None' : dotted };
    i++;
    const name = baseName(dotted);
    if (name === 'Literal') {
      const values: LiteralValue[] = [];
      for (;;) {
        values.push(literalValue());
        ws();
        if (text[i] === ',') {
          i++;
          ws();
          if (text[i] === ']') break;
          continue;
        }
        break;
      }
      ws();
      if (text[i] !== ']') fail('Expected "]" to close Literal[...].');
      i++;
      return { kind: 'literal', values };
    }
    const args: TypeExpr[] = [];
    let ellipsis = false;
    for (;;) {
      ws();
      if (text.startsWith('...', i)) {
        i += 3;
        ellipsis = true;
      } else args.push(union());
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    if (text[i] !== ']') fail(`Expected "]" to close ${name}[...].`);
    i++;
    if (name === 'Optional') {
      if (args.length !== 1) fail('Optional takes exactly one type.');
      return { kind: 'generic', name: 'Union', args: [args[0] as TypeExpr, { kind: 'name', name: 'None' }] };
    }
    return { kind: 'generic', name, args, ...(ellipsis ? { ellipsis } : {}) };
  };
  const union = (): TypeExpr => {
    const first = atom();
    ws();
    if (text[i] !== '|') return first;
    const args = [first];
    while (text[i] === '|') {
      i++;
      args.push(atom());
      ws();
    }
    return { kind: 'union', args };
  };
  const t = union();
  ws();
  if (i < text.length) fail(`Unexpected "${text[i]}" after the type.`);
  return t;
}

/** DSPy's `_quoted_string_for_literal_type_annotation`: the quotes Python's repr would choose. */
function quoteLiteral(s: string): string {
  const single = s.includes("'");
  const double = s.includes('"');
  if (single && !double) return `"${s}"`;
  if (single && double) return `'${s.replace(/'/g, "\\'")}'`;
  return `'${s}'`;
}

function literalText(v: LiteralValue): string {
  if (v.kind === 'str') return v.value;
  if (v.kind === 'num') return v.text;
  if (v.kind === 'bool') return v.value ? 'True' : 'False';
  return 'None';
}

/** `get_annotation_name`: list[str], Literal['a', 'b'], Union[str, NoneType], Image. */
export function annotationName(t: TypeExpr): string {
  switch (t.kind) {
    case 'name':
      return t.name === 'None' ? 'NoneType' : baseName(t.name);
    case 'literal':
      return `Literal[${t.values.map((v) => (v.kind === 'str' ? quoteLiteral(v.value) : literalText(v))).join(', ')}]`;
    case 'union':
      // Python 3.10-3.13 print `X | Y` with the origin types.UnionType.
      return `UnionType[${t.args.map(annotationName).join(', ')}]`;
    case 'generic':
      return `${t.name}[${[...t.args.map(annotationName), ...(t.ellipsis ? ['Ellipsis'] : [])].join(', ')}]`;
  }
}

/** The annotation text back (for pickers and messages): `list[str]`, `str | None`. */
export function typeText(t: TypeExpr): string {
  switch (t.kind) {
    case 'name':
      return t.name;
    case 'literal':
      return `Literal[${t.values.map((v) => (v.kind === 'str' ? quoteLiteral(v.value) : literalText(v))).join(', ')}]`;
    case 'union':
      return t.args.map(typeText).join(' | ');
    case 'generic':
      return `${t.name}[${[...t.args.map(typeText), ...(t.ellipsis ? ['...'] : [])].join(', ')}]`;
  }
}

export function isName(t: TypeExpr, ...names: string[]): boolean {
  return t.kind === 'name' && names.includes(baseName(t.name));
}

/** dspy.Image and its kin: values are sent as image parts, not text. */
export function isImageType(t: TypeExpr): boolean {
  return isName(t, 'Image');
}

type Schema = Record<string, unknown> | boolean;

const SCALAR_SCHEMA: Record<string, Record<string, unknown>> = {
  str: { type: 'string' },
  int: { type: 'integer' },
  float: { type: 'number' },
  bool: { type: 'boolean' },
  None: { type: 'null' },
  NoneType: { type: 'null' },
  bytes: { type: 'string', format: 'binary' },
  Any: {},
  object: {},
};

function literalJson(v: LiteralValue): unknown {
  if (v.kind === 'str') return v.value;
  if (v.kind === 'num') return Number(v.text);
  if (v.kind === 'bool') return v.value;
  return null;
}

/** pydantic's TypeAdapter(t).json_schema() for builtin shapes; undefined for classes the file cannot tell. */
export function jsonSchema(t: TypeExpr): Schema | undefined {
  if (t.kind === 'name') {
    const name = baseName(t.name);
    if (name in SCALAR_SCHEMA) return { ...SCALAR_SCHEMA[name] };
    if (name === 'list') return { type: 'array', items: {} };
    if (name === 'dict') return { type: 'object', additionalProperties: true };
    if (name === 'set' || name === 'frozenset') return { type: 'array', items: {}, uniqueItems: true };
    if (name === 'tuple') return { type: 'array', items: {} };
    return undefined;
  }
  if (t.kind === 'literal') {
    const values = t.values.map(literalJson);
    const kinds = new Set(t.values.map((v) => v.kind));
    const type =
      kinds.size === 1
        ? (
            {
              str: 'string',
              num: t.values.every((v) => v.kind === 'num' && /^-?\d+$/.test(v.text)) ? 'integer' : 'number',
              bool: 'boolean',
              none: 'null',
            } as const
          )[[...kinds][0] as LiteralValue['kind']]
        : undefined;
    const out: Record<string, unknown> = values.length === 1 ? { const: values[0] } : { enum: values };
    if (type) out.type = type;
    return out;
  }
  const args = t.args.map(jsonSchema);
  if (args.some((a) => a === undefined)) return undefined;
  const [a, b] = args as Schema[];
  if (t.kind === 'union' || t.name === 'Union') return { anyOf: args };
  switch (t.name) {
    case 'list':
    case 'Sequence':
      return { type: 'array', items: a ?? {} };
    case 'set':
    case 'frozenset':
      return { type: 'array', items: a ?? {}, uniqueItems: true };
    case 'tuple':
      if (t.ellipsis) return { type: 'array', items: a ?? {} };
      return { type: 'array', maxItems: args.length, minItems: args.length, prefixItems: args };
    case 'dict':
    case 'Mapping': {
      const values = b ?? {};
      const empty = typeof values === 'object' && Object.keys(values).length === 0;
      return { type: 'object', additionalProperties: empty ? true : values };
    }
    default:
      return undefined;
  }
}

/** DSPy's `move_type_to_front`: keys sorted, with "type" first, at every level. */
function typeFirst(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(typeFirst);
  if (v === null || typeof v !== 'object') return v;
  const keys = Object.keys(v).sort((x, y) => (x === 'type' ? -1 : y === 'type' ? 1 : x < y ? -1 : x > y ? 1 : 0));
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = typeFirst((v as Record<string, unknown>)[k]);
  return out;
}

export function schemaForPrompt(t: TypeExpr): unknown {
  const s = jsonSchema(t);
  return s === undefined ? undefined : typeFirst(s);
}

/** Text types: `format_field_value` numbers a list only when the annotation is exactly `str`. */
export function isStr(t: TypeExpr): boolean {
  return isName(t, 'str');
}
