/** What `render` and `check` share: reading the program, finding the predictor, reading --signature (TEXT or @FILE). */
import { decodeBytes } from '../../core/engine/pipeline/decode.ts';
import { analyzeProgram } from '../../core/program/formats/analyze.ts';
import type { Program } from '../../core/program/model/program.ts';
import { promptModules } from '../../core/program/prompt/render-module.ts';
import type { CliIo } from '../cli-io.ts';

export interface LoadedProgram {
  value: unknown;
  program: Program;
}

export async function loadProgram(io: CliIo, input: string): Promise<LoadedProgram> {
  const doc = await decodeBytes(await io.readFile(input), { name: input });
  return { value: doc.value, program: analyzeProgram(doc.value, { recipe: doc.recipe, name: input }) };
}

/** The predictor's id when the program has it as one; else the sentence to print. */
export function predictorProblem(program: Program, input: string, moduleId: string): string | undefined {
  const predictors = promptModules(program);
  if (predictors.some((m) => m.id === moduleId)) return undefined;
  const list = predictors.map((m) => m.id).join(', ') || 'none';
  const exists = program.modules.some((m) => m.id === moduleId);
  return exists
    ? `Module "${moduleId}" of ${input} is not a predictor with a signature; predictors: ${list}.`
    : `No module "${moduleId}" in ${input}; predictors: ${list}.`;
}

/** `--signature TEXT` or `--signature @FILE`. */
export async function signatureText(io: CliIo, flag: string | true | undefined): Promise<string | undefined> {
  if (flag === undefined || flag === true) return undefined;
  if (!flag.startsWith('@')) return flag;
  return new TextDecoder().decode(await io.readFile(flag.slice(1)));
}
