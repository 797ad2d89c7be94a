/**
 * What every adapter provides. Detection is by shape (keys, key order, metadata), never by name
 * alone; `analyze` builds the model view; `edits` maps model edits to this format's own paths.
 */
import type { DetectContext, Detection, ModuleInfo, Operation, Program } from '../model/program';

export type FieldProp = 'name' | 'prefix' | 'description' | 'type';

export interface AdapterEdits {
  /** Forward ops setting a module's instructions; inverse ops are derived generically. */
  setInstructions?(
    value: unknown,
    program: Program,
    mod: ModuleInfo,
    text: string,
    target?: 'signature' | 'extended',
  ): Operation[];
  setFieldProp?(
    value: unknown,
    program: Program,
    mod: ModuleInfo,
    fieldIndex: number,
    prop: FieldProp,
    text: string,
  ): Operation[];
}

export interface ProgramAdapter {
  id: string;
  detect(value: unknown, context: DetectContext): Detection | null;
  analyze(value: unknown, detection: Detection, context: DetectContext): Program;
  edits?: AdapterEdits;
}
