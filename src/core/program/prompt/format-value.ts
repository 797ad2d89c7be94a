/**
 * DSPy's `format_field_value` and friends (dspy/adapters/utils.py): how one value is written into a
 * prompt. A list given to a `str` field is numbered ("[1] «alpha»"); lists and dicts otherwise are
 * json.dumps text; scalars are Python's str().
 */
import { pyJsonDumps, pyStr, type NumberSpelling } from './py-format';
import { isStr, type TypeExpr } from './type-expr';

/** `_format_blob`: one item of a numbered list, guarded by «» (or «««…»»» around several lines). */
function formatBlob(blob: string): string {
  if (!blob.includes('\n') && !blob.includes('«') && !blob.includes('»')) return `«${blob}»`;
  return `«««\n    ${blob.replace(/\n/g, '\n    ')}\n»»»`;
}

/** `_format_input_list_field_value`. */
function formatList(value: unknown[], spelling?: NumberSpelling): string {
  const item = (v: unknown) => (typeof v === 'string' ? v : pyValueText(v, spelling));
  if (value.length === 0) return 'N/A';
  if (value.length === 1) return formatBlob(item(value[0]));
  return value.map((v, i) => `[${i + 1}] ${formatBlob(item(v))}`).join('\n');
}

function pyValueText(value: unknown, spelling?: NumberSpelling): string {
  if (Array.isArray(value) || (value !== null && typeof value === 'object' && !(value instanceof Uint8Array))) return pyJsonDumps(value, { spelling });
  return pyStr(value, typeof value === 'number' ? spelling?.(value, []) : undefined);
}

export function formatFieldValue(type: TypeExpr, value: unknown, spelling?: NumberSpelling): string {
  if (Array.isArray(value) && isStr(type)) return formatList(value, spelling);
  return pyValueText(value, spelling);
}
