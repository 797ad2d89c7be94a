/**
 * Which opened files hold a DSPy program in a pickle, and the state document recovered from them:
 * a whole-program folder (metadata.json + program.pkl), a program.pkl alone, or an MLflow DSPy
 * model folder (MLmodel + data/model.pkl). The document the page edits is the recovered state JSON;
 * the pickle stays a companion with its safety report.
 */
import { isObject } from '../../../model/keys';
import { detectWholeProgramMetadata } from '../whole-program';
import { metadataFromMlmodel, mlmodelNotes, readMlmodel } from './mlflow-model';
import { recoverPickledProgram } from './recover-program';
import { recoveredFacts, type RecoveredFacts } from './recovered-facts';

export interface OpenedFile {
  name: string;
  bytes: Uint8Array;
  /** The decoded value, when the file decoded. */
  value?: unknown;
  /** True when the file's only layer is a plain pickle. */
  isPickle?: boolean;
}

export interface RecoveredOpen {
  /** The state as DSPy's JSON writer lays it out (2-space indent, trailing newline). */
  text: string;
  /** A name for the state document. */
  name: string;
  facts: RecoveredFacts;
  /** The file the program came from. */
  pickleName: string;
}

const base = (n: string): string => n.slice(n.lastIndexOf('/') + 1);

export function recoverOpen(main: OpenedFile, companions: readonly OpenedFile[]): RecoveredOpen | undefined {
  const mlmodelFile = [main, ...companions].find((f) => base(f.name) === 'MLmodel');
  const mlmodel = mlmodelFile ? readMlmodel(new TextDecoder().decode(mlmodelFile.bytes)) : undefined;
  let pickle: OpenedFile | undefined;
  let metadata: Record<string, unknown> | undefined;
  if (main.isPickle) {
    pickle = main;
    const meta = companions.find((c) => base(c.name) === 'metadata.json');
    if (meta && isObject(meta.value) && detectWholeProgramMetadata(meta.value)) metadata = meta.value;
  } else if (isObject(main.value) && detectWholeProgramMetadata(main.value)) {
    pickle = companions.find((c) => base(c.name) === 'program.pkl');
    metadata = main.value;
  }
  if (!pickle) return undefined;
  if (!metadata && mlmodel) metadata = metadataFromMlmodel(mlmodel);
  const rec = recoverPickledProgram(pickle.bytes, {
    ...(metadata ? { metadata } : {}),
    ...(mlmodel?.dspyVersion !== undefined ? { dspyVersion: mlmodel.dspyVersion } : {}),
  });
  if (!rec) return undefined;
  const container = mlmodel ? 'mlflow' : metadata ? 'dspy-folder' : 'pickle';
  const facts = recoveredFacts(rec, base(pickle.name), container);
  if (mlmodel) facts.notes.unshift(...mlmodelNotes(mlmodel));
  if (!metadata)
    facts.notes.push('No metadata.json came with it: the state has no metadata, which DSPy 2.5.43 and later need to load it (drop the whole folder).');
  return { text: JSON.stringify(rec.state, null, 2) + '\n', name: 'program.json', facts, pickleName: pickle.name };
}
