/**
 * The `MLmodel` file of an MLflow model folder (YAML): which MLflow wrote it, the flavors, and for
 * the DSPy flavor the DSPy and Python versions, which the recovered state's metadata reuses.
 */
import YAML from 'yaml';

export interface MlmodelFacts {
  mlflowVersion?: string;
  flavors: string[];
  dspyVersion?: string;
  pythonVersion?: string;
  modelPath?: string;
  runId?: string;
  modelUuid?: string;
  created?: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
const rec = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/** Undefined when the text is not an MLmodel (YAML with `flavors`). */
export function readMlmodel(text: string): MlmodelFacts | undefined {
  let doc: unknown;
  try {
    doc = YAML.parse(text, { maxAliasCount: 100 });
  } catch {
    return undefined;
  }
  const root = rec(doc);
  const flavors = rec(root?.flavors);
  if (!root || !flavors) return undefined;
  const dspy = rec(flavors.dspy);
  const pyfunc = rec(flavors.python_function);
  const facts: MlmodelFacts = { flavors: Object.keys(flavors) };
  const put = <K extends keyof MlmodelFacts>(k: K, v: MlmodelFacts[K] | undefined) => {
    if (v !== undefined) facts[k] = v;
  };
  put('mlflowVersion', str(root.mlflow_version));
  put('dspyVersion', str(dspy?.dspy_version));
  put('pythonVersion', str(pyfunc?.python_version));
  put('modelPath', str(dspy?.model_path) ?? str(pyfunc?.model_path));
  put('runId', str(root.run_id));
  put('modelUuid', str(root.model_uuid));
  put('created', str(root.utc_time_created));
  return facts;
}

/** `metadata` for the recovered state: DSPy's loader requires `dependency_versions` (it only warns on mismatches). */
export function metadataFromMlmodel(facts: MlmodelFacts): Record<string, unknown> | undefined {
  if (facts.dspyVersion === undefined) return undefined;
  const deps: Record<string, string> = {};
  const py = facts.pythonVersion !== undefined ? /^(\d+\.\d+)/.exec(facts.pythonVersion)?.[1] : undefined;
  if (py !== undefined) deps.python = py;
  deps.dspy = facts.dspyVersion;
  return { dependency_versions: deps };
}

export function mlmodelNotes(facts: MlmodelFacts): string[] {
  const parts = [
    facts.mlflowVersion !== undefined ? `MLflow ${facts.mlflowVersion}` : undefined,
    `flavors ${facts.flavors.join(', ')}`,
    facts.dspyVersion !== undefined ? `DSPy ${facts.dspyVersion}` : undefined,
    facts.pythonVersion !== undefined ? `Python ${facts.pythonVersion}` : undefined,
    facts.runId !== undefined ? `run ${facts.runId}` : undefined,
    facts.created !== undefined ? `created ${facts.created}` : undefined,
  ].filter((p): p is string => p !== undefined);
  return [`MLmodel: ${parts.join(' · ')}. MLflow loads data/${facts.modelPath ?? 'model.pkl'} with cloudpickle, which runs the code it carries.`];
}
