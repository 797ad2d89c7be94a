/**
 * DSPy's typed values as demos save them (pydantic types are dumped as JSON, their type is not):
 * `dspy.Image` as `{"url": "data:..."}` or, from `dspy.Type.serialize_model`, as the string
 * `<<CUSTOM-TYPE-START-IDENTIFIER>>[{"type": "image_url", "image_url": {"url": ...}}]<<CUSTOM-TYPE-END-IDENTIFIER>>`;
 * `dspy.History` as `{"messages": [...]}`; `dspy.ToolCalls` as `{"tool_calls": [{"name", "args"}]}`;
 * ReAct's `trajectory` (a `[[ ## thought_0 ## ]]` text, or a dict of thought_i/tool_name_i/...) and
 * `next_tool_args`. Recognised by shape, so views can show them for what they are.
 */
import { isObject } from './keys';

export const CUSTOM_TYPE_START = '<<CUSTOM-TYPE-START-IDENTIFIER>>';
export const CUSTOM_TYPE_END = '<<CUSTOM-TYPE-END-IDENTIFIER>>';

export interface ImageValue {
  kind: 'image';
  /** How it is saved: the custom-type string, a `{url}` object, or a bare data URL string. */
  form: 'custom-type' | 'url-object' | 'data-url';
  /** The image URL: `data:` URLs are shown; other URLs are named, never fetched. */
  url: string;
  mediaType?: string;
  /** Decoded size of a data URL's bytes. */
  bytes?: number;
}

export interface TrajectoryStep {
  index: number;
  thought?: string;
  toolName?: string;
  toolArgs?: unknown;
  observation?: unknown;
}

export type TypedValue =
  | ImageValue
  | { kind: 'history'; messages: Array<Record<string, unknown>> }
  | { kind: 'tool-calls'; calls: Array<{ name: string; args: unknown }> }
  | { kind: 'trajectory'; steps: TrajectoryStep[] }
  | { kind: 'tool-args'; args: Record<string, unknown> };

const DATA_URL = /^data:([^;,]+)?((?:;[^;,]+)*?)(;base64)?,/;

function dataUrlFacts(url: string): { mediaType?: string; bytes?: number } {
  const m = DATA_URL.exec(url);
  if (!m) return {};
  const payload = url.length - m[0].length;
  let bytes = payload;
  if (m[3]) {
    const pad = url.endsWith('==') ? 2 : url.endsWith('=') ? 1 : 0;
    bytes = Math.floor((payload * 3) / 4) - pad;
  }
  return { ...(m[1] ? { mediaType: m[1] } : {}), bytes };
}

function image(form: ImageValue['form'], url: string): ImageValue {
  return { kind: 'image', form, url, ...dataUrlFacts(url) };
}

/** The image parts of a custom-type string, or undefined when it is not one image. */
function customTypeImage(s: string): string | undefined {
  const t = s.trim();
  if (!t.startsWith(CUSTOM_TYPE_START) || !t.endsWith(CUSTOM_TYPE_END)) return undefined;
  let parts: unknown;
  try {
    parts = JSON.parse(t.slice(CUSTOM_TYPE_START.length, t.length - CUSTOM_TYPE_END.length));
  } catch {
    return undefined;
  }
  if (!Array.isArray(parts) || parts.length !== 1) return undefined;
  const part: unknown = parts[0];
  if (!isObject(part) || part.type !== 'image_url' || !isObject(part.image_url) || typeof part.image_url.url !== 'string') return undefined;
  return part.image_url.url;
}

const STEP_KEY = /^(thought|tool_name|tool_args|observation)_(\d+)$/;
const STEP_HEADER = /\[\[ ## (thought|tool_name|tool_args|observation)_(\d+) ## \]\]\n?/g;

function stepsOf(entries: Array<[string, unknown, number]>): TrajectoryStep[] {
  const steps = new Map<number, TrajectoryStep>();
  for (const [kind, value, index] of entries) {
    const step = steps.get(index) ?? { index };
    if (kind === 'thought') step.thought = String(value);
    else if (kind === 'tool_name') step.toolName = String(value);
    else if (kind === 'tool_args') step.toolArgs = value;
    else step.observation = value;
    steps.set(index, step);
  }
  return [...steps.values()].sort((a, b) => a.index - b.index);
}

function trajectoryText(s: string): TrajectoryStep[] | undefined {
  const heads = [...s.matchAll(STEP_HEADER)];
  if (heads.length === 0 || s.slice(0, heads[0]?.index).trim() !== '') return undefined;
  const entries: Array<[string, unknown, number]> = heads.map((h, i) => {
    const start = (h.index ?? 0) + h[0].length;
    const end = heads[i + 1]?.index ?? s.length;
    const text = s.slice(start, end).trim();
    let value: unknown = text;
    if (h[1] === 'tool_args') {
      try {
        value = JSON.parse(text);
      } catch {
        value = text;
      }
    }
    return [h[1] ?? '', value, Number(h[2])];
  });
  return stepsOf(entries);
}

/** What a demo value is, by its shape and (for ReAct's fields) its field name. */
export function classifyTypedValue(value: unknown, field?: string): TypedValue | undefined {
  if (typeof value === 'string') {
    if (value.startsWith(CUSTOM_TYPE_START)) {
      const url = customTypeImage(value);
      return url !== undefined ? image('custom-type', url) : undefined;
    }
    if (value.startsWith('data:image/')) return image('data-url', value);
    if (field === 'trajectory' || value.startsWith('[[ ## thought_')) {
      const steps = trajectoryText(value);
      return steps ? { kind: 'trajectory', steps } : undefined;
    }
    return undefined;
  }
  if (!isObject(value)) return undefined;
  const keys = Object.keys(value);
  if (
    keys.length === 1 &&
    typeof value.url === 'string' &&
    (value.url.startsWith('data:image/') || field === 'image' || /\.(png|jpe?g|gif|webp|bmp|svg)(\?|$)/i.test(value.url))
  ) {
    return image('url-object', value.url);
  }
  if (keys.length === 1 && Array.isArray(value.messages) && value.messages.every(isObject)) {
    return { kind: 'history', messages: value.messages as Array<Record<string, unknown>> };
  }
  if (keys.length === 1 && Array.isArray(value.tool_calls) && value.tool_calls.every((c) => isObject(c) && typeof c.name === 'string')) {
    return { kind: 'tool-calls', calls: (value.tool_calls as Array<Record<string, unknown>>).map((c) => ({ name: String(c.name), args: c.args ?? {} })) };
  }
  if (keys.length > 0 && keys.every((k) => STEP_KEY.test(k))) {
    return {
      kind: 'trajectory',
      steps: stepsOf(
        keys.map((k) => {
          const m = STEP_KEY.exec(k);
          return [m?.[1] ?? '', value[k], Number(m?.[2])];
        }),
      ),
    };
  }
  if (field === 'next_tool_args' || field === 'tool_args') return { kind: 'tool-args', args: value };
  return undefined;
}

/**
 * The saved value with its image replaced by `dataUrl`, in the form it was saved in: the
 * custom-type string keeps its own JSON text around the URL, a `{url}` object stays one.
 */
export function replaceImage(original: unknown, dataUrl: string): unknown {
  const typed = classifyTypedValue(original);
  if (typed?.kind !== 'image') throw new TypeError('The value is not an image DSPy saved.');
  if (typed.form === 'custom-type' && typeof original === 'string') {
    const at = original.indexOf(JSON.stringify(typed.url).slice(1, -1));
    if (at >= 0) return original.slice(0, at) + dataUrl + original.slice(at + JSON.stringify(typed.url).length - 2);
    return `${CUSTOM_TYPE_START}${JSON.stringify([{ type: 'image_url', image_url: { url: dataUrl } }])}${CUSTOM_TYPE_END}`;
  }
  if (typed.form === 'url-object' && isObject(original)) return { ...original, url: dataUrl };
  return dataUrl;
}
