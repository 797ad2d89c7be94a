/** DSPy: the state JSON `save()` writes (eras A–F) and the metadata.json of a whole-program save. */
import type { ProgramKind } from '../kind';
import { toDspyState } from './convert';
import { dspyStateReader } from './dspy-state';
import type { DspyEra } from './eras';
import { dspyJsonStyle } from './json-style';
import { dspyModuleFile } from './module-file';
import type { DspyNames } from './names';
import { dspyMigrations } from './plan';
import { dspyPredictorSchema, dspyRetrieveSchema, dspyStateSchema } from './schema';
import { dspyWholeProgramReader } from './whole-program';

const eraOf = (era: string | undefined): DspyEra => (era as DspyEra | undefined) ?? 'F';

export const dspyKind: ProgramKind<DspyNames> = {
  id: 'dspy',
  label: 'DSPy',
  ecosystems: ['dspy'],
  readers: [dspyStateReader, dspyWholeProgramReader],
  schemas: {
    forProgram: (program) => (program.format === 'dspy-state' ? dspyStateSchema(eraOf(program.era)) : undefined),
    forModule(program, module) {
      if (program.format !== 'dspy-state') return undefined;
      if (module.kind === 'predict') return dspyPredictorSchema(eraOf(program.era));
      if (module.kind === 'retrieve') return dspyRetrieveSchema;
      return undefined;
    },
    named(name) {
      const era = /^dspy-([A-F])$/i.exec(name)?.[1];
      if (era) return dspyStateSchema(era.toUpperCase() as DspyEra);
      return name === 'dspy-predictor' ? dspyPredictorSchema('F') : undefined;
    },
    names: ['dspy-A … dspy-F', 'dspy-predictor'],
  },
  migrations: dspyMigrations,
  conversion: {
    label: 'DSPy state JSON',
    convert: (value, program) => toDspyState(value, program),
    pickleNote:
      'This DSPy state came from a pickle. It is read into the same program as the JSON state DSPy saves, which DSPy recommends because loading it runs no code.',
  },
  moduleFile: dspyModuleFile,
  jsonStyle: (program) => dspyJsonStyle(program.version),
  versionLabel: (program) => (program.version !== undefined ? `DSPy ${program.version}` : undefined),
};
