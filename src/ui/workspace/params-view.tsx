import { displayJson } from '../../core/engine/json-text/display-json';
import type { ModuleInfo } from '../../core/program/model/program';

function show(value: unknown): string {
  if (typeof value === 'string') return value;
  return displayJson(value, '');
}

/** Parameters and LM settings; values are shown as text (edit them precisely in the JSON view). */
export function ParamsView({ module }: { module: ModuleInfo }) {
  const entries = [...Object.entries(module.params), ...(module.lm ? Object.entries(module.lm).map(([k, v]) => [`lm.${k}`, v] as const) : [])];
  if (entries.length === 0)
    return <p className="muted section-empty">{module.lm === null ? 'No parameters; the LM is not saved (lm: null).' : 'No parameters.'}</p>;
  return (
    <dl className="params">
      {entries.map(([key, value]) => (
        <div key={key} className="param">
          <dt className="mono">{key}</dt>
          <dd className="mono">{show(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
