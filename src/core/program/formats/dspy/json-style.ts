/** The JSON writer DSPy used at a version: ujson with ASCII escapes, ujson with UTF-8, then orjson. */
import { DSPY_JSON_STYLES, type JsonStyle } from '../../../engine/json-text/json-style';

function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.+-]/).map((s) => Number.parseInt(s, 10) || 0);
  const pb = b.split(/[.+-]/).map((s) => Number.parseInt(s, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export function dspyJsonStyle(version: string | undefined): JsonStyle {
  if (version === undefined) return { ...DSPY_JSON_STYLES.orjson };
  if (compareVersions(version, '2.6.25') < 0) return { ...DSPY_JSON_STYLES.ujsonAscii };
  if (compareVersions(version, '3.0.3') < 0) return { ...DSPY_JSON_STYLES.ujsonUtf8 };
  return { ...DSPY_JSON_STYLES.orjson };
}
