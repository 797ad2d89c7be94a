/**
 * Ports recognised by shape, name and version only (dspy.ex, dspy4s, dspy.ts,
 * LangChain). Their modules are not mapped yet: the program says which ecosystem wrote the file
 * and the value is still shown and edited as a tree.
 */
import { isObject } from '../../model/keys';
import type { Detection, ProgramFacts } from '../../model/program';
import { findSecrets } from '../../model/secrets';
import type { FormatReader } from '../kind';
import type { PortsNames } from './names';

interface PortSpec {
  id: PortsNames['format'] & PortsNames['ecosystem'];
  ecosystem: PortsNames['ecosystem'];
  formatLabel: string;
  detect(value: unknown): Detection | null;
}

const SPECS: PortSpec[] = [
  {
    id: 'dspy-ex',
    ecosystem: 'dspy-ex',
    formatLabel: 'dspy.ex parameters',
    detect(v) {
      if (!Array.isArray(v) || v.length === 0) return null;
      const first: unknown = v[0];
      if (isObject(first) && first.dspy === 'parameter') return { confidence: 0.9, version: String(first.version) };
      return null;
    },
  },
  {
    id: 'dspy4s',
    ecosystem: 'dspy4s',
    formatLabel: 'dspy4s optimizable parameters',
    detect: (v) => (isObject(v) && isObject(v.optimizableParameters) ? { confidence: 0.9 } : null),
  },
  {
    id: 'dspy-ts',
    ecosystem: 'dspy-ts',
    formatLabel: 'dspy.ts saved program',
    detect(v) {
      if (!isObject(v) || !isObject(v.program)) return null;
      return 'promptTemplate' in v.program && 'signature' in v.program ? { confidence: 0.85 } : null;
    },
  },
  {
    id: 'langchain',
    ecosystem: 'langchain',
    formatLabel: 'LangChain serialized object',
    detect(v) {
      if (!isObject(v)) return null;
      if (v.lc === 1 && typeof v.type === 'string' && Array.isArray(v.id)) return { confidence: 0.95, version: 'lc 1' };
      if (v._type === 'prompt' || v._type === 'few_shot') return { confidence: 0.8, version: `legacy ${String(v._type)}` };
      return null;
    },
  },
];

function notesFor(id: string): string[] {
  const notes = ['Recognised by its shape; its modules are not mapped yet, so it is shown as a value tree.'];
  if (id === 'dspy-ts') notes.push('promptTemplate is JavaScript source: it is shown as text and never run.');
  if (id === 'langchain') notes.push('Constructor nodes are shown as data and never revived; secret nodes are placeholders.');
  return notes;
}

export const detectOnlyReaders: FormatReader<PortsNames>[] = SPECS.map((spec) => ({
  formats: [spec.id],
  detect: (v) => spec.detect(v),
  analyze(value, detection): ProgramFacts<PortsNames> {
    const p: ProgramFacts<PortsNames> = {
      format: spec.id,
      ecosystem: spec.ecosystem,
      formatLabel: spec.formatLabel,
      content: 'generic',
      modules: [],
      metadata: {},
      secrets: findSecrets(value),
      notes: notesFor(spec.id),
    };
    if (detection.version !== undefined) p.version = detection.version;
    return p;
  },
}));
