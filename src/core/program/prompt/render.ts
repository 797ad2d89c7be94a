/**
 * DSPy 3.3.1's ChatAdapter and JSONAdapter `format()` (dspy/adapters/base.py, chat_adapter.py,
 * json_adapter.py, utils.py), ported line for line so every character matches: the system message
 * (field descriptions, field structure, task description), the demos (incomplete ones first, with
 * their prefix sentence), and the request with its output requirements.
 */
import { formatFieldValue } from './format-value';
import { pyJsonDumps, type NumberSpelling } from './py-format';
import type { AdapterId, ContentPart, PromptDemo, PromptField, PromptMessage, PromptSignature } from './prompt-types';
import { annotationName, isImageType, isName, isStr, schemaForPrompt, type TypeExpr } from './type-expr';

const CUSTOM_TYPE_START = '<<CUSTOM-TYPE-START-IDENTIFIER>>';
const CUSTOM_TYPE_END = '<<CUSTOM-TYPE-END-IDENTIFIER>>';
const INCOMPLETE_DEMO_PREFIX = 'This is an example of the task, though some input or output fields are not supplied.';

/** A value the prompt shows as `{name}` because none was given: the final request of a preview. */
export interface Placeholder {
  placeholder: string;
}

export interface RenderOptions {
  adapter: AdapterId;
  /**
   * The current input, by field name. A field without a value shows `{name}`; `undefined` means no
   * input at all (every input field a placeholder).
   */
  inputs?: Record<string, unknown>;
  spelling?: NumberSpelling;
  /** Set when a JSON schema of an output type could not be known (a class defined in the user's code). */
  onUnknownSchema?: (field: PromptField) => void;
}

const inputsOf = (sig: PromptSignature) => sig.fields.filter((f) => f.role === 'input');
const outputsOf = (sig: PromptSignature) => sig.fields.filter((f) => f.role === 'output');

/** `get_field_description_string`. */
function fieldDescriptions(fields: PromptField[]): string {
  return fields
    .map((f, i) => {
      const desc = f.description === `\${${f.name}}` ? '' : f.description;
      return `${i + 1}. \`${f.name}\` (${annotationName(f.type)}): ${desc}`;
    })
    .join('\n')
    .trim();
}

function literalValues(t: TypeExpr): string | undefined {
  if (t.kind !== 'literal') return undefined;
  return t.values.map((v) => (v.kind === 'str' ? v.value : v.kind === 'num' ? v.text : v.kind === 'bool' ? (v.value ? 'True' : 'False') : 'None')).join('; ');
}

/** `translate_field_type`: the `{name}` placeholder of the field structure, with a note on outputs' types. */
function translateFieldType(f: PromptField, options: RenderOptions): string {
  let desc: string;
  if (f.role === 'input' || isStr(f.type) || isName(f.type, 'Reasoning')) desc = '';
  else if (isName(f.type, 'bool')) desc = 'must be True or False';
  else if (isName(f.type, 'int', 'float')) desc = `must be a single ${annotationName(f.type)} value`;
  else if (literalValues(f.type) !== undefined) desc = `must exactly match (no extra characters) one of: ${literalValues(f.type)}`;
  else {
    const schema = schemaForPrompt(f.type);
    if (schema === undefined) options.onUnknownSchema?.(f);
    desc = `must adhere to the JSON schema: ${schema === undefined ? `<JSON schema of ${annotationName(f.type)}>` : pyJsonDumps(schema)}`;
  }
  return `{${f.name}}${desc ? `${' '.repeat(8)}# note: the value you produce ${desc}` : ''}`;
}

function isPlaceholder(v: unknown): v is Placeholder {
  return v !== null && typeof v === 'object' && typeof (v as Placeholder).placeholder === 'string' && Object.keys(v).length === 1;
}

/** An image value as DSPy's `Image.format()` serializes it into the text, to be split into parts later. */
function imageMarker(url: string): string {
  return `${CUSTOM_TYPE_START}${pyJsonDumps([{ type: 'image_url', image_url: { url } }])}${CUSTOM_TYPE_END}`;
}

function valueText(f: PromptField, value: unknown, options: RenderOptions): string {
  if (isPlaceholder(value)) return value.placeholder;
  // A typed-in URL for an Image field becomes the image DSPy would send; a saved image is already its marker.
  if (isImageType(f.type) && typeof value === 'string' && !value.includes(CUSTOM_TYPE_START)) return imageMarker(value);
  if (isImageType(f.type) && value !== null && typeof value === 'object' && typeof (value as { url?: unknown }).url === 'string')
    return imageMarker((value as { url: string }).url);
  return formatFieldValue(f.type, value, options.spelling);
}

/** ChatAdapter `format_field_with_value` (and JSONAdapter's for role "user"). */
function fieldsWithValues(entries: Array<[PromptField, unknown]>, options: RenderOptions): string {
  return entries
    .map(([f, v]) => `[[ ## ${f.name} ## ]]\n${valueText(f, v, options)}`)
    .join('\n\n')
    .trim();
}

function has(values: Record<string, unknown>, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(values, name);
}

function fieldStructure(sig: PromptSignature, options: RenderOptions): string {
  const placeholders = (fields: PromptField[]) =>
    fieldsWithValues(
      fields.map((f) => [f, { placeholder: translateFieldType(f, options) }]),
      options,
    );
  const parts = ['All interactions will be structured in the following way, with the appropriate values filled in.'];
  if (options.adapter === 'chat') {
    parts.push(placeholders(inputsOf(sig)), placeholders(outputsOf(sig)), '[[ ## completed ## ]]\n');
  } else {
    parts.push('Inputs will have the following structure:', placeholders(inputsOf(sig)), 'Outputs will be a JSON object with the following fields.');
    parts.push(jsonObject(outputsOf(sig).map((f) => [f.name, translateFieldType(f, options)])));
  }
  return parts.join('\n\n').trim();
}

/** `json.dumps(serialize_for_json(d), indent=2, ensure_ascii=False)`. */
function jsonObject(entries: Array<[string, unknown]>, options?: RenderOptions): string {
  const obj: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(obj, k, { value: v, enumerable: true, writable: true, configurable: true });
  return pyJsonDumps(obj, { indent: 2, ...(options?.spelling ? { spelling: options.spelling } : {}) });
}

/** Python's `textwrap.dedent`: the longest common leading whitespace of non-blank lines removed. */
export function dedent(text: string): string {
  const lines = text.split('\n');
  let margin: string | undefined;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
    if (margin === undefined) margin = indent;
    else {
      let k = 0;
      while (k < margin.length && k < indent.length && margin[k] === indent[k]) k++;
      margin = margin.slice(0, k);
    }
  }
  // dedent also blanks whitespace-only lines.
  return lines.map((l) => (l.trim() === '' ? l.replace(/^[ \t]+$/, '') : l.slice(margin?.length ?? 0))).join('\n');
}

/** Python's `str.splitlines()` line breaks. */
// The file separators \x1c-\x1e count too; built from a string so the pattern stays printable.
const LINE_BREAK = '\\r\\n|[\\n\\r\\v\\f\\u001c\\u001d\\u001e\\u0085\\u2028\\u2029]';
const LINE_SPLIT = new RegExp(LINE_BREAK);
const LINE_END = new RegExp(`(?:${LINE_BREAK})$`);

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(LINE_SPLIT);
  if (LINE_END.test(text)) lines.pop();
  return lines;
}

function taskDescription(instructions: string): string {
  const objective = ['', ...splitLines(dedent(instructions))].join('\n' + ' '.repeat(8));
  return `In adhering to this structure, your objective is: ${objective}`;
}

export function systemMessage(sig: PromptSignature, options: RenderOptions): string {
  const description = `Your input fields are:\n${fieldDescriptions(inputsOf(sig))}\nYour output fields are:\n${fieldDescriptions(outputsOf(sig))}`;
  return `${description}\n${fieldStructure(sig, options)}\n${taskDescription(sig.instructions)}`;
}

function outputRequirements(sig: PromptSignature, adapter: AdapterId): string {
  const typeInfo = (f: PromptField) =>
    isName(f.type, 'ToolCalls')
      ? ' (must be a JSON object like {"tool_calls": [{"name": "...", "args": {...}}]})'
      : isStr(f.type)
        ? ''
        : ` (must be formatted as a valid Python ${annotationName(f.type)})`;
  if (adapter === 'json')
    return `Respond with a JSON object in the following order of fields: ${outputsOf(sig)
      .map((f) => `\`${f.name}\`${typeInfo(f)}`)
      .join(', then ')}.`;
  return `Respond with the corresponding output fields, starting with the field ${outputsOf(sig)
    .map((f) => `\`[[ ## ${f.name} ## ]]\`${typeInfo(f)}`)
    .join(', then ')}, and then ending with the marker for \`[[ ## completed ## ]]\`.`;
}

function userContent(sig: PromptSignature, values: Record<string, unknown>, options: RenderOptions, prefix = '', mainRequest = false): string {
  const parts = [prefix];
  for (const f of inputsOf(sig)) if (has(values, f.name)) parts.push(`[[ ## ${f.name} ## ]]\n${valueText(f, values[f.name], options)}`);
  if (mainRequest) parts.push(outputRequirements(sig, options.adapter));
  parts.push('');
  return parts.join('\n\n').trim();
}

function assistantContent(sig: PromptSignature, values: Record<string, unknown>, missing: string, options: RenderOptions): string {
  const entries: Array<[PromptField, unknown]> = outputsOf(sig).map((f) => [f, has(values, f.name) ? values[f.name] : missing]);
  if (options.adapter === 'json') {
    // serialize_for_json keeps JSON values as they are; an image keeps its marker string.
    return jsonObject(
      entries.map(([f, v]) => [f.name, v]),
      options,
    );
  }
  return `${fieldsWithValues(entries, options)}\n\n[[ ## completed ## ]]\n`;
}

/** `_expand_legacy_custom_type_markers_in_chat_message`: a user message holding image markers becomes parts. */
function expandMarkers(content: string): string | ContentPart[] {
  if (!content.includes(CUSTOM_TYPE_START)) return content;
  const parts: ContentPart[] = [];
  const pattern = /<<CUSTOM-TYPE-START-IDENTIFIER>>([\s\S]*?)<<CUSTOM-TYPE-END-IDENTIFIER>>/g;
  let last = 0;
  for (const m of content.matchAll(pattern)) {
    const start = m.index ?? 0;
    if (start > last) parts.push({ type: 'text', text: content.slice(last, start) });
    const payload = (m[1] ?? '').trim();
    let blocks: unknown;
    try {
      blocks = JSON.parse(payload);
    } catch {
      blocks = undefined;
    }
    if (Array.isArray(blocks)) {
      for (const b of blocks) {
        if (b && typeof b === 'object' && (b as ContentPart).type === 'image_url') parts.push(b as ContentPart);
        else if (b && typeof b === 'object' && (b as ContentPart).type === 'text') parts.push(b as ContentPart);
        else parts.push({ type: 'text', text: typeof b === 'string' ? b : JSON.stringify(b) });
      }
    } else parts.push({ type: 'text', text: payload });
    last = start + m[0].length;
  }
  if (last < content.length) parts.push({ type: 'text', text: content.slice(last) });
  return parts;
}

function present(values: Record<string, unknown>, name: string): boolean {
  return has(values, name) && values[name] !== null && values[name] !== undefined;
}

/** `Adapter.format(signature, demos, inputs)` without conversation history. */
export function renderMessages(sig: PromptSignature, demos: readonly PromptDemo[], options: RenderOptions): PromptMessage[] {
  const messages: PromptMessage[] = [{ role: 'system', content: systemMessage(sig, options), source: { kind: 'system' } }];
  const complete: PromptDemo[] = [];
  const incomplete: PromptDemo[] = [];
  for (const demo of demos) {
    const v = demo.values;
    if (sig.fields.every((f) => present(v, f.name))) complete.push(demo);
    else if (inputsOf(sig).some((f) => has(v, f.name)) && outputsOf(sig).some((f) => has(v, f.name))) incomplete.push(demo);
  }
  for (const demo of incomplete) {
    const source = { kind: 'demo', demoIndex: demo.index, incomplete: true } as const;
    messages.push({ role: 'user', content: expandMarkers(userContent(sig, demo.values, options, INCOMPLETE_DEMO_PREFIX)), source });
    messages.push({ role: 'assistant', content: assistantContent(sig, demo.values, 'Not supplied for this particular example. ', options), source });
  }
  for (const demo of complete) {
    const source = { kind: 'demo', demoIndex: demo.index, incomplete: false } as const;
    messages.push({ role: 'user', content: expandMarkers(userContent(sig, demo.values, options)), source });
    messages.push({ role: 'assistant', content: assistantContent(sig, demo.values, 'Not supplied for this conversation history message. ', options), source });
  }
  const request: Record<string, unknown> = {};
  for (const f of inputsOf(sig)) {
    const given = options.inputs && has(options.inputs, f.name) ? options.inputs[f.name] : undefined;
    request[f.name] = given === undefined ? { placeholder: `{${f.name}}` } : given;
  }
  const content = userContent(sig, request, options, '', true);
  if (content) messages.push({ role: 'user', content: expandMarkers(content), source: { kind: 'request' } });
  return messages;
}
