/**
 * Writing a program for another framework's loader: every registered kind with a `conversion` is
 * an export target. 'same' writes the value as it is; era-to-era upgrades are migrations, not this.
 */
import { kindById } from '../formats/analyze';
import type { Converted } from '../formats/kind';
import type { Program } from '../model/program';
import type { ExportTarget } from './export-options.ts';

/** The value to write for the chosen target. */
export function convertForTarget(value: unknown, program: Program, target: ExportTarget, now: string): Converted {
  if (target === 'same') return { value, warnings: [] };
  const conversion = kindById(target).conversion;
  if (!conversion) throw new Error(`${kindById(target).label} is not an export target.`);
  return conversion.convert(value, program, now);
}
