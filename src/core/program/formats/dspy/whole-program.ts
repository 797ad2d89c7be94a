/** `metadata.json` of a DSPy whole-program save (`save_program=True`); its modules live in `program.pkl`, a cloudpickle. */
import { isObject, strOrUndef } from '../../model/keys';
import type { Detection, ProgramFacts } from '../../model/program';
import type { FormatReader } from '../kind';
import type { DspyNames } from './names';
import { eraLabel, eraOfVersion } from './eras';

export function detectWholeProgramMetadata(value: unknown, siblings: readonly string[] = []): Detection | null {
  if (!isObject(value) || !isObject(value.dependency_versions)) return null;
  const dspy = strOrUndef(value.dependency_versions.dspy);
  if (dspy === undefined) return null;
  const others = Object.keys(value).filter((k) => k !== 'dependency_versions').length;
  const withPickle = siblings.some((s) => /(^|\/)program\.pkl$/.test(s));
  return { confidence: others === 0 || withPickle ? 0.9 : 0.6, version: dspy };
}

export const dspyWholeProgramReader: FormatReader<DspyNames> = {
  formats: ['dspy-whole-program'],
  detect: (v, ctx) => detectWholeProgramMetadata(v, ctx.siblings),
  analyze(value, detection, ctx): ProgramFacts<DspyNames> {
    const meta = isObject(value) ? value : {};
    const p: ProgramFacts<DspyNames> = {
      format: 'dspy-whole-program',
      ecosystem: 'dspy',
      formatLabel: 'DSPy whole-program save (metadata.json)',
      content: 'whole-program-metadata',
      modules: [],
      metadata: meta,
      secrets: [],
      notes: [],
    };
    if (detection.version !== undefined) {
      p.version = detection.version;
      p.versionSource = 'metadata';
      const era = eraOfVersion(detection.version);
      if (era) {
        p.era = era;
        p.eraLabel = eraLabel(era);
      }
    }
    const hasPickle = (ctx.siblings ?? []).some((s) => /(^|\/)program\.pkl$/.test(s));
    p.notes.push(
      hasPickle
        ? 'The modules live in program.pkl, a cloudpickle of the program object: it is read inertly for its safety report and never run. Loading it in Python runs its code; save with program.save("x.json") for editable state.'
        : "This is the metadata.json of a DSPy whole-program save; its modules live in program.pkl. Drop both files (or the folder) together to see the pickle's safety report.",
    );
    return p;
  },
};
