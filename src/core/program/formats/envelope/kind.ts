/** The versioned envelope, its single-module file, and Desiru's `to_h` output (the envelope's Ruby cousin). */
import type { ProgramKind } from '../kind';
import { toEnvelope } from './convert';
import { desiruReader, envelopeModuleFileReader, envelopeReader } from './envelope';
import { envelopeModuleFile } from './module-file';
import type { EnvelopeNames } from './names';
import { envelopeMigrations } from './plan';
import { envelopeModuleFileSchema, envelopeModuleSchema, envelopeSchema } from './schema';

export const envelopeKind: ProgramKind<EnvelopeNames> = {
  id: 'envelope',
  label: 'Versioned envelope',
  ecosystems: ['envelope', 'desiru'],
  readers: [envelopeReader, envelopeModuleFileReader, desiruReader],
  schemas: {
    forProgram(program) {
      if (program.format === 'envelope') return envelopeSchema;
      if (program.format === 'envelope-module') return envelopeModuleFileSchema;
      return undefined;
    },
    forModule: (program) => (program.format === 'envelope' || program.format === 'envelope-module' ? envelopeModuleSchema : undefined),
    named: (name) => (name === 'envelope' ? envelopeSchema : name === 'envelope-module' ? envelopeModuleFileSchema : undefined),
    names: ['envelope', 'envelope-module'],
  },
  migrations: envelopeMigrations,
  conversion: { label: 'Versioned envelope', convert: toEnvelope },
  moduleFile: envelopeModuleFile,
};
