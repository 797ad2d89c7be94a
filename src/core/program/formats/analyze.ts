/**
 * The entry point: ask every adapter how sure it is, analyse with the surest. Detection reads
 * keys and a few demos only, never whole demo arrays, so it stays cheap on large programs.
 */
import type { DetectContext, Program } from '../model/program';
import type { ProgramAdapter } from './adapter';
import { dspyStateAdapter } from './dspy/dspy-state';
import { dspyWholeProgramAdapter } from './dspy/whole-program';
import { applyRecoveredFacts } from './dspy/pickled/recovered-facts';
import { desiruAdapter, envelopeAdapter, envelopeModuleFileAdapter } from './envelope/envelope';
import { genericAdapter } from './generic/generic';
import { detectOnlyAdapters } from './ports/detect-only';
import { dspyGoAdapter } from './ports/dspy-go';
import { dsrsAdapter } from './ports/dsrs';
import { axAdapter } from './ports/ax';
import { dspyRbAdapter } from './ports/dspy-rb';
import { torchAdapter } from './torch/torch-program';

/** In order of preference when confidences tie. */
export const ADAPTERS: readonly ProgramAdapter[] = [
  dspyStateAdapter,
  dspyWholeProgramAdapter,
  envelopeAdapter,
  envelopeModuleFileAdapter,
  desiruAdapter,
  dspyGoAdapter,
  dsrsAdapter,
  dspyRbAdapter,
  axAdapter,
  torchAdapter,
  ...detectOnlyAdapters,
  genericAdapter,
];

export function adapterById(id: string): ProgramAdapter | undefined {
  return ADAPTERS.find((a) => a.id === id);
}

export function analyzeProgram(value: unknown, context: DetectContext = {}): Program {
  let best: ProgramAdapter = genericAdapter;
  let bestDet = { confidence: 0 } as ReturnType<ProgramAdapter['detect']> & object;
  for (const adapter of ADAPTERS) {
    let det;
    try {
      det = adapter.detect(value, context);
    } catch {
      det = null; // a detector must never sink the whole analysis
    }
    if (det && det.confidence > bestDet.confidence) {
      best = adapter;
      bestDet = det;
    }
  }
  const program = best.analyze(value, bestDet, context);
  return context.recovered && program.ecosystem === 'dspy' ? applyRecoveredFacts(program, context.recovered) : program;
}
