/**
 * The schema one module's state must meet, for the editor's precise view: what a framework would
 * load for that module alone.
 */
import type { DspyEra } from '../formats/dspy/eras';
import type { ModuleInfo, Program } from '../model/program';
import { dspyPredictorSchema, dspyRetrieveSchema } from './dspy-state-schema';
import { envelopeModuleSchema } from './envelope-schema';

export function moduleSchemaFor(program: Program, module: ModuleInfo): Record<string, unknown> | undefined {
  if (program.adapterId === 'dspy-state') {
    if (module.kind === 'predict') return dspyPredictorSchema((program.era as DspyEra | undefined) ?? 'F');
    if (module.kind === 'retrieve') return dspyRetrieveSchema;
    return undefined;
  }
  if (program.adapterId === 'envelope' || program.adapterId === 'envelope-module') return envelopeModuleSchema;
  return undefined;
}
