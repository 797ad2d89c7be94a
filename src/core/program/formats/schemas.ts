/** The JSON Schemas the registered kinds declare: for a whole file, for one module, and by name for the CLI. */
import type { ModuleInfo, Program } from '../model/program';
import { kindOf, registeredKinds } from './analyze';
import type { JsonSchema } from './kind';

/** The schema that fits what analyzeProgram recognised, if there is one. */
export function schemaForProgram(program: Program): JsonSchema | undefined {
  return kindOf(program).schemas?.forProgram?.(program);
}

/** The schema one module's state must meet: what a framework would load for that module alone. */
export function moduleSchemaFor(program: Program, module: ModuleInfo): JsonSchema | undefined {
  return kindOf(program).schemas?.forModule?.(program, module);
}

/** A schema by the name the CLI takes (`dspy-F`, `envelope-module`, ...). */
export function namedSchema(name: string): JsonSchema | undefined {
  for (const kind of registeredKinds()) {
    const schema = kind.schemas?.named?.(name);
    if (schema) return schema;
  }
  return undefined;
}

/** The names of namedSchema, as help text lists them. */
export function schemaNames(): string[] {
  return registeredKinds().flatMap((k) => k.schemas?.names ?? []);
}
